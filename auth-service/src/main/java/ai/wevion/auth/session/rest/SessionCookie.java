package ai.wevion.auth.session.rest;

import ai.wevion.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The session cookie: HttpOnly, Secure, SameSite=Strict, sent only to the auth endpoints. */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "wevion_session";

    private final AuthConfig.Session config;
    private final Clock clock;

    public SessionCookie(AuthConfig config, Clock clock) {
        this.config = config.session();
        this.clock = clock;
    }

    public NewCookie of(String secret, Instant expiresAt) {
        return builder(secret, (int) Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds()));
    }

    public NewCookie cleared() {
        return builder("", 0);
    }

    private NewCookie builder(String value, int maxAge) {
        return new NewCookie.Builder(NAME)
                .value(value)
                .path(config.cookiePath())
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
