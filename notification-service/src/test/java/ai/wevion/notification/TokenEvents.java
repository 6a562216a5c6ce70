package ai.wevion.notification;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** token-status and sync-results events as token-service and the sync workers publish them. */
final class TokenEvents {

    private final TopicWriter writer = new TopicWriter();
    private final MutableClock clock = new MutableClock();

    /** Publishes one event (keyed by platformUserId, as token-service does) and returns its JSON (to publish it again). */
    String tokenStatus(String type, String workspaceId, String platformUserId, String connectedBy, String displayName, Duration expiresIn) {
        return tokenStatusKeyed(platformUserId, type, workspaceId, platformUserId, connectedBy, displayName, expiresIn);
    }

    /** The same with another key: events with one key reach the service in the order sent. */
    String tokenStatusKeyed(String key, String type, String workspaceId, String platformUserId, String connectedBy, String displayName,
            Duration expiresIn) {
        return tokenStatusOf("meta", key, type, workspaceId, platformUserId, connectedBy, displayName, expiresIn);
    }

    /** An event of another platform or integration. */
    String tokenStatusOf(String platform, String key, String type, String workspaceId, String platformUserId, String connectedBy,
            String displayName, Duration expiresIn) {
        return tokenStatusOf(platform, key, type, workspaceId, platformUserId, connectedBy, displayName, expiresIn,
                "TOKEN_EXPIRED".equals(type) ? "PASSWORD_CHANGED" : null);
    }

    /** A Meta event with its reason (e.g. DATA_ACCESS_EXPIRING on a TOKEN_EXPIRING). */
    String tokenStatusFor(String reason, String type, String workspaceId, String platformUserId, String connectedBy, Duration expiresIn) {
        return tokenStatusOf("meta", platformUserId, type, workspaceId, platformUserId, connectedBy, "Ana", expiresIn, reason);
    }

    private String tokenStatusOf(String platform, String key, String type, String workspaceId, String platformUserId, String connectedBy,
            String displayName, Duration expiresIn, String reason) {
        Instant at = clock.instant();
        String status = switch (type) {
            case "TOKEN_EXPIRED" -> "EXPIRED";
            case "PLATFORM_USER_ARCHIVED" -> "ARCHIVED";
            default -> "ACTIVE";
        };
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at
                + "\",\"workspaceId\":\"" + workspaceId + "\",\"platform\":\"" + platform + "\",\"platformUserId\":\"" + platformUserId
                + "\",\"externalUserId\":\"fb-" + platformUserId.substring(0, 8) + "\",\"displayName\":\"" + displayName
                + "\",\"status\":\"" + status + "\",\"expiresAt\":\"" + at.plus(expiresIn) + "\",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"adAccounts\":[],\"connectedBy\":\""
                + connectedBy + "\"}";
        publish("token-status", key, json);
        return json;
    }

    void syncFailed(String workspaceId, String adAccountId, String error) {
        publish("sync-results", adAccountId, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SYNC_FAILED\",\"occurredAt\":\""
                + clock.instant() + "\",\"workspaceId\":\"" + workspaceId + "\",\"requestId\":\"" + UUID.randomUUID()
                + "\",\"adAccountId\":\"" + adAccountId + "\",\"error\":\"" + error + "\"}");
    }

    java.util.List<String> keyPerPartition() {
        return writer.keyPerPartition("token-status");
    }

    void publish(String topic, String key, String json) {
        writer.send(topic, key, json);
    }
}
