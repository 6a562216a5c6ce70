package ai.wevion.token.store;

import java.time.Instant;
import java.util.UUID;

/** A token this replica has claimed for one refresh: ciphertexts, ends and the bookkeeping its outcome needs. */
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
        String platform,
        String externalUserId) {
}
