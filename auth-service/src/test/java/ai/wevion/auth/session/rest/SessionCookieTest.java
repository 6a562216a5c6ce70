package ai.wevion.auth.session.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.auth.TestAuthConfig;
import jakarta.ws.rs.core.NewCookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The session cookie (A1, A3): out of reach of scripts and other sites, sent only to the auth endpoints, gone at the session's end. */
class SessionCookieTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");

    private final SessionCookie cookies = new SessionCookie(TestAuthConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theCookieIsHttpOnlySecureStrictAndScopedToTheAuthEndpoints_A1() {
        NewCookie cookie = cookies.of("secret-value", NOW.plus(Duration.ofDays(7)));

        assertThat(cookie.getName()).isEqualTo("wevion_session");
        assertThat(cookie.getValue()).isEqualTo("secret-value");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo(NewCookie.SameSite.STRICT);
        assertThat(cookie.getPath()).isEqualTo("/api/v1/auth");
    }

    @Test
    void theCookieLivesExactlyAsLongAsTheSession_A1() {
        assertThat(cookies.of("s", NOW.plus(Duration.ofDays(7))).getMaxAge()).isEqualTo(7 * 24 * 3600);
        assertThat(cookies.of("s", NOW.plusSeconds(90)).getMaxAge()).isEqualTo(90);
        assertThat(cookies.of("s", NOW.minusSeconds(5)).getMaxAge()).isZero(); // never a negative Max-Age
    }

    @Test
    void loggingOutClearsTheCookieAtOnce_A3() {
        NewCookie cleared = cookies.cleared();

        assertThat(cleared.getName()).isEqualTo("wevion_session");
        assertThat(cleared.getValue()).isEmpty();
        assertThat(cleared.getMaxAge()).isZero();
        assertThat(cleared.getPath()).isEqualTo("/api/v1/auth");
        assertThat(cleared.isHttpOnly()).isTrue();
    }
}
