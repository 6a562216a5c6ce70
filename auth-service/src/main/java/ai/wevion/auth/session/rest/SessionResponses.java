package ai.wevion.auth.session.rest;

import ai.wevion.auth.session.service.IssuedSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Answers login, refresh and impersonation alike: the token body plus, when it changed, the cookie. */
@ApplicationScoped
public class SessionResponses {

    public record TokenResponse(String accessToken, String tokenType, long expiresIn, Instant sessionExpiresAt) {
    }

    private final SessionCookie cookie;

    public SessionResponses(SessionCookie cookie) {
        this.cookie = cookie;
    }

    public Response ok(IssuedSession issued) {
        Response.ResponseBuilder response = Response.ok(
                new TokenResponse(issued.jwt().token(), "Bearer", issued.jwt().expiresIn(), issued.sessionExpiresAt()))
                .header("Cache-Control", "no-store");
        if (issued.newCookieSecret() != null) {
            response.cookie(cookie.of(issued.newCookieSecret(), issued.sessionExpiresAt()));
        }
        return response.build();
    }
}
