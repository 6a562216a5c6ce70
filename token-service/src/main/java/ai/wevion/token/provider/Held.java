package ai.wevion.token.provider;

import java.time.Instant;

/** A stored token, decrypted for one renewal: {@code refreshToken} as in {@link Authorized}; {@code expiresAt} null when it never expires. */
public record Held(String accessToken, String refreshToken, String externalUserId, Instant expiresAt) {
}
