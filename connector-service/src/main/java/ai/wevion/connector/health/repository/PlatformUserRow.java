package ai.wevion.connector.health.repository;

import ai.wevion.connector.event.PlatformUserStatus;
import java.time.Instant;

/** A platform user as the cards, banners and audit read it (table {@code platform_user}). */
public record PlatformUserRow(String platformUserId, String platform, String displayName, PlatformUserStatus status, String reason,
        Instant expiresAt, Instant lastRefreshAt) {

    public boolean healthy() {
        return status == PlatformUserStatus.ACTIVE;
    }
}
