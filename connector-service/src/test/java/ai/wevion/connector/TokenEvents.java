package ai.wevion.connector;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TopicWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** token-status and sync-results events as token-service and the sync workers publish them. */
final class TokenEvents {

    private final TopicWriter writer = new TopicWriter();
    private final MutableClock clock = new MutableClock();

    record Account(String adAccountId, String externalId) {
        static Account random() {
            String external = "act_" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
            return new Account(UUID.randomUUID().toString(), external);
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Publishes one Meta event and returns its JSON (to publish it again). */
    String tokenStatus(String type, String workspaceId, String platformUserId, String status, String reason, List<Account> accounts) {
        return tokenStatusOn("meta", type, workspaceId, platformUserId, status, reason, accounts);
    }

    /** The same for another platform or integration. */
    String tokenStatusOn(String platform, String type, String workspaceId, String platformUserId, String status, String reason,
            List<Account> accounts) {
        String json = json(UUID.randomUUID().toString(), type, now(), workspaceId, platform, platformUserId, status, reason, accounts);
        publish(platformUserId, json);
        return json;
    }

    /** A Meta event's JSON, not published. */
    String tokenStatusJson(String eventId, String type, Instant at, String workspaceId, String platformUserId, String status,
            String reason, List<Account> accounts) {
        return json(eventId, type, at, workspaceId, "meta", platformUserId, status, reason, accounts);
    }

    private static String json(String eventId, String type, Instant at, String workspaceId, String platform, String platformUserId,
            String status, String reason, List<Account> accounts) {
        String adAccounts = accounts.stream()
                .map(a -> "{\"adAccountId\":\"" + a.adAccountId() + "\",\"externalId\":\"" + a.externalId() + "\",\"name\":\"Account "
                        + a.externalId() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\",\"workspaceId\":\""
                + workspaceId + "\",\"platform\":\"" + platform + "\",\"platformUserId\":\"" + platformUserId + "\",\"externalUserId\":\"fb-"
                + platformUserId.substring(0, 8) + "\",\"displayName\":\"Ana\",\"status\":\"" + status + "\",\"expiresAt\":\""
                + at.plusSeconds(60L * 86400) + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"adAccounts\":" + adAccounts + "}";
    }

    void publish(String key, String json) {
        writer.send("token-status", key, json);
    }

    void syncCompleted(String workspaceId, String requestId, String adAccountId, Instant syncedUntil) {
        writer.send("sync-results", adAccountId, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SYNC_COMPLETED\",\"occurredAt\":\""
                + now() + "\",\"workspaceId\":\"" + workspaceId + "\",\"requestId\":\"" + requestId + "\",\"adAccountId\":\""
                + adAccountId + "\",\"syncedUntil\":\"" + syncedUntil + "\"}");
    }
}
