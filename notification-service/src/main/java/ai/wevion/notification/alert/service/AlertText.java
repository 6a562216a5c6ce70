package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.repository.AlertSubject;
import ai.wevion.notification.alert.repository.AlertType;
import ai.wevion.notification.event.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of a notification, from its type, platform and open subjects:
 * one subject is named; several (a platform-wide event) are counted, with
 * the first few named (N1, N2, N6). Pure: no I/O.
 */
public final class AlertText {

    public record Text(String title, String body) {
    }

    private static final int NAMED = 3;

    private AlertText() {
    }

    /** {@code now}: when the time left is counted from (the event's time). */
    public static Text of(AlertType type, String platform, List<AlertSubject> open, Instant now) {
        String p = Platform.nameOf(platform);
        AlertSubject first = open.get(0);
        int n = open.size();
        return switch (type) {
            case TOKEN_EXPIRED -> new Text("Token expired", n == 1
                    ? p + ": the connection of " + first.name() + " has expired. Reconnect to resume syncing, publishing and rules."
                    : p + ": " + n + " connections have expired (" + names(open) + "). Reconnect them to resume syncing, publishing and rules.");
            case TOKEN_EXPIRING -> n == 1
                    ? new Text(p + " token expires in " + left(first.expiresAt(), now), p + ": the connection of " + first.name()
                            + " expires in " + left(first.expiresAt(), now)
                            + " and cannot be renewed automatically. Reconnect before then to keep data syncing.")
                    : new Text(p + " tokens expiring", p + ": " + n + " connections expire soon (" + open.stream()
                            .limit(NAMED).map(s -> s.name() + " in " + left(s.expiresAt(), now)).collect(Collectors.joining(", "))
                            + more(n) + "). Reconnect them before then to keep data syncing.");
            case SYNC_FAILED -> new Text("Sync failed", n == 1
                    ? "Data sync failed for ad account " + first.name() + detail(first) + ". It is retried at the next window."
                    : "Data sync failed for " + n + " ad accounts (" + names(open) + "). They are retried at the next window.");
        };
    }

    private static String names(List<AlertSubject> open) {
        return open.stream().limit(NAMED).map(AlertSubject::name).collect(Collectors.joining(", ")) + more(open.size());
    }

    private static String more(int n) {
        return n > NAMED ? " and " + (n - NAMED) + " more" : "";
    }

    private static String detail(AlertSubject s) {
        return s.detail() == null || s.detail().isBlank() ? "" : " (" + s.detail() + ")";
    }

    /** "5 days", "1 day", "7 hours", "less than an hour". */
    static String left(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return "a few days";
        }
        Duration d = Duration.between(now, expiresAt);
        if (d.toDays() >= 1) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() >= 1) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return "less than an hour";
    }
}
