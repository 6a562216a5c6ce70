package ai.wevion.token.refresh.service;

import java.time.Instant;
import java.util.UUID;

/** A token this replica has claimed for one refresh, with what its events need. */
public record ClaimedToken(
        UUID platformUserId,
        String claim,
        String ciphertext,
        /** Null when the provider issues no refresh token. */
        String refreshCiphertext,
        Instant expiresAt,
        int attempts,
        Instant expiringNotifiedAt,
        Instant dataAccessExpiresAt,
        String workspaceId,
        String platform,
        String externalUserId,
        String displayName,
        String connectedBy) {
}
