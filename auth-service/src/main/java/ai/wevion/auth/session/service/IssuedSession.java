package ai.wevion.auth.session.service;

import ai.wevion.auth.jwt.AccessTokenIssuer.SignedToken;
import java.time.Instant;

/**
 * A fresh session JWT for a live session; {@code newCookieSecret} is set when
 * the cookie must change (new session or rotation), null when it stays.
 */
public record IssuedSession(SignedToken jwt, Instant sessionExpiresAt, String newCookieSecret) {
}
