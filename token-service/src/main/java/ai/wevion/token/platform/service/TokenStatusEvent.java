package ai.wevion.token.platform.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event on {@code token-status} (docs/events/token-status.schema.json); keyed by platformUserId; never a token. */
public record TokenStatusEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String workspaceId,
        String platform,
        String platformUserId,
        String externalUserId,
        String displayName,
        String status,
        Instant expiresAt,
        String reason,
        List<AdAccountRef> adAccounts,
        String connectedBy) {

    public static final String TOPIC = "token-status";

    public record AdAccountRef(String adAccountId, String externalId, String name) {
    }

    public static TokenStatusEvent of(String type, Instant now, PlatformUserView user, Instant expiresAt, String reason) {
        return new TokenStatusEvent(UUID.randomUUID().toString(), type, now, user.workspaceId(), user.platform(),
                user.platformUserId(), user.externalUserId(), user.displayName(), user.status(), expiresAt, reason,
                user.adAccounts(), user.connectedBy());
    }

    /** What an event says about the platform user, whichever way it was read. */
    public record PlatformUserView(String workspaceId, String platform, String platformUserId, String externalUserId,
            String displayName, String status, List<AdAccountRef> adAccounts, String connectedBy) {
    }
}
