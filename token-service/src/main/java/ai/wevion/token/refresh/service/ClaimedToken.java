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
        /** When the provider forces a new authorization (a refresh token's own end); null when it does not. */
        Instant refreshExpiresAt,
        String workspaceId,
        String platform,
        String externalUserId,
        String displayName,
        String connectedBy) {
}
