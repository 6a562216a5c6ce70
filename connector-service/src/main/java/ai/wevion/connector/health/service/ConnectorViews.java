package ai.wevion.connector.health.service;

import ai.wevion.connector.health.service.HealthQueries.PlatformUserRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mapping step from the view's rows to what the console draws: a card per
 * platform user, a connector per platform (badge and status from its users),
 * a banner per platform that needs attention (C1–C3). One place, used by the
 * list endpoints and the live stream alike.
 */
public final class ConnectorViews {

    public static final String CONNECTED = "Connected";
    public static final String EXPIRED = "Token expired — Reconnect";

    public record Card(String platformUserId, String displayName, String card, String message, Instant lastRefreshAt,
            boolean stale) {
    }

    public record Connector(String platform, String badge, String status, List<Card> platformUsers) {
    }

    public record Banner(String platform, String message) {
    }

    /** What the stream sends on every change: the cards and the banners together. */
    public record Snapshot(List<Connector> connectors, List<Banner> banners) {
    }

    public record AuditRow(String platformUserId, String platform, String displayName, String status, String reason,
            Instant expiresAt, Instant lastRefreshAt) {
    }

    private ConnectorViews() {
    }

    public static List<Connector> connectors(List<PlatformUserRow> users) {
        List<Connector> connectors = new ArrayList<>();
        for (String platform : PlatformNames.DISPLAY.keySet()) {
            List<Card> cards = users.stream().filter(u -> u.platform().equals(platform)).map(ConnectorViews::card).toList();
            boolean anyExpired = cards.stream().anyMatch(c -> c.card().equals("yellow"));
            String badge = cards.isEmpty() ? "grey" : anyExpired ? "yellow" : "green";
            String status = cards.isEmpty() ? "NOT_CONNECTED" : anyExpired ? "NEEDS_ATTENTION" : "CONNECTED";
            connectors.add(new Connector(platform, badge, status, cards));
        }
        return connectors;
    }

    /** "Meta connection needs attention" while any Meta user is unhealthy; likewise every platform. */
    public static List<Banner> banners(List<PlatformUserRow> users) {
        return users.stream()
                .filter(u -> !"ACTIVE".equals(u.status()))
                .map(PlatformUserRow::platform)
                .distinct()
                .map(p -> new Banner(p, PlatformNames.of(p) + " connection needs attention"))
                .toList();
    }

    public static Snapshot snapshot(List<PlatformUserRow> users) {
        return new Snapshot(connectors(users), banners(users));
    }

    /** The monthly audit (C8): platform users with stale or expired tokens. */
    public static List<AuditRow> audit(List<PlatformUserRow> users) {
        return users.stream()
                .filter(PlatformUserRow::stale)
                .map(u -> new AuditRow(u.platformUserId(), u.platform(), u.displayName(), u.status(), u.reason(), u.expiresAt(),
                        u.lastRefreshAt()))
                .toList();
    }

    private static Card card(PlatformUserRow u) {
        boolean healthy = "ACTIVE".equals(u.status());
        return new Card(u.platformUserId(), u.displayName(), healthy ? "green" : "yellow", healthy ? CONNECTED : EXPIRED,
                u.lastRefreshAt(), u.stale());
    }
}
