package ai.wevion.token.provider;

import java.time.Instant;
import java.util.List;

/**
 * What a new authorization gives, whichever provider: the tokens (plaintext,
 * on their way to encryption), their ends, and who and what they cover.
 * {@code refreshToken}: the refresh token, or the customer's own secret for a
 * credentials flow (every renewal needs it again); null when there is none.
 */
public record Authorized(String accessToken, String refreshToken, Instant expiresAt, Instant dataAccessExpiresAt,
        Instant refreshExpiresAt, Granted.Identity identity, List<Granted.AdAccount> adAccounts) {
}
