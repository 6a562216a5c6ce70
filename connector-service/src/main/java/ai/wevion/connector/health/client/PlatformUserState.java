package ai.wevion.connector.health.client;

import ai.wevion.connector.event.PlatformUserStatus;
import ai.wevion.connector.event.TokenStatus;
import ai.wevion.connector.event.TokenStatus.AdAccountRef;
import java.time.Instant;
import java.util.List;

/**
 * A platform user as token-service held it at {@code observedAt}
 * (docs/contracts/internal-v1/connector-service.json); never a token.
 */
public record PlatformUserState(String platformUserId, String workspaceId, String platform, String externalUserId,
        String displayName, String status, String reason, Instant expiresAt, Instant lastRefreshAt, Instant observedAt,
        List<AdAccountRef> adAccounts) {

    /** The state as an event without a type at {@code asOf}: what the projection applies. */
    public TokenStatus asEventAt(Instant asOf) {
        return new TokenStatus("reconciliation", null, asOf, workspaceId, platform, platformUserId, externalUserId, displayName,
                PlatformUserStatus.valueOf(status), expiresAt, reason,
                adAccounts == null ? List.of() : adAccounts);
    }
}
