package ai.wevion.token.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event on {@code token-status} (docs/events/token-status.schema.json); keyed by platformUserId; never a token. */
public record TokenStatusEvent(
        String eventId,
        TokenEventType type,
        Instant occurredAt,
        String workspaceId,
        String platform,
        String platformUserId,
        String externalUserId,
        String displayName,
        PlatformUserStatus status,
        Instant expiresAt,
        String reason,
        List<AdAccountRef> adAccounts,
        String connectedBy) {

    public static final String TOPIC = "token-status";

    public record AdAccountRef(String adAccountId, String externalId, String name) {
    }

    /** What an event says about the platform user, read in the transaction that changed it. */
    public record PlatformUserView(String workspaceId, String platform, String platformUserId, String externalUserId,
            String displayName, PlatformUserStatus status, List<AdAccountRef> adAccounts, String connectedBy) {
    }

    public static TokenStatusEvent of(TokenEventType type, Instant now, PlatformUserView user, Instant expiresAt, String reason) {
        return new TokenStatusEvent(UUID.randomUUID().toString(), type, now, user.workspaceId(), user.platform(),
                user.platformUserId(), user.externalUserId(), user.displayName(), user.status(), expiresAt, reason,
                user.adAccounts(), user.connectedBy());
    }
}
