package ai.wevion.notification.alert.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The events notification-service reads (docs/events); its own copies, as every service keeps. */
public final class Events {

    private Events() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenStatus(String eventId, String type, Instant occurredAt, String workspaceId, String platform,
            String platformUserId, String externalUserId, String displayName, String status, Instant expiresAt, String reason,
            String connectedBy) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SyncResult(String eventId, String type, Instant occurredAt, String workspaceId, String requestId,
            String adAccountId, Instant syncedUntil, String error) {
    }
}
