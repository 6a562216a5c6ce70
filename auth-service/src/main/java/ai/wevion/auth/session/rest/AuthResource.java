package ai.wevion.auth.session.rest;

import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.session.service.ClientAddressRules;
import ai.wevion.auth.session.service.SessionService;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestCookie;

@Path("/api/v1/auth")
public class AuthResource {

    public record Login(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 72) String password) {
    }

    public record Me(String userId, String workspaceId, String role, String sessionId, String impersonatorId) {
    }

    private final SessionService sessions;
    private final SessionResponses responses;
    private final SessionCookie cookie;
    private final Caller caller;
    private final List<String> trustedProxies;

    public AuthResource(SessionService sessions, SessionResponses responses, SessionCookie cookie, Caller caller, AuthConfig config) {
        this.sessions = sessions;
        this.responses = responses;
        this.cookie = cookie;
        this.caller = caller;
        this.trustedProxies = config.login().trustedProxies();
    }

    /** A1: a 7-day session (cookie) and a 1-hour JWT. */
    @POST
    @Path("/login")
    @PermitAll
    public Uni<Response> login(@Valid @NotNull Login request, HttpServerRequest http) {
        String client = ClientAddressRules.clientAddress(http.remoteAddress().hostAddress(), http.getHeader("X-Forwarded-For"),
                trustedProxies);
        return sessions.login(request.email(), request.password(), client).map(responses::ok);
    }

    /** A2: a fresh 1-hour JWT from the session cookie; 401 {@code session_expired} when the session is gone. */
    @POST
    @Path("/token")
    @PermitAll
    public Uni<Response> token(@RestCookie(SessionCookie.NAME) String secret) {
        return sessions.refresh(secret).map(issued -> issued
                .map(responses::ok)
                .orElseGet(() -> Response.fromResponse(ApiError.response(401, "session_expired",
                        "Your session has ended. Log in again.")).cookie(cookie.cleared()).build()));
    }

    public record WorkspaceChoice(@NotNull java.util.UUID workspaceId) {
    }

    /**
     * Teams: the browser moves to another of the user's workspaces; a new
     * session and a JWT for it (the old session and its JWTs end), and later
     * logins open it. 403 when the user is not a member there.
     */
    @POST
    @Path("/workspace")
    @PermitAll
    public Uni<Response> switchWorkspace(@RestCookie(SessionCookie.NAME) String secret, @Valid @NotNull WorkspaceChoice request) {
        return sessions.switchWorkspace(secret, request.workspaceId()).map(responses::ok);
    }

    /** A3: ends the session of this browser, so every tab's next refresh fails. */
    @POST
    @Path("/logout")
    @PermitAll
    public Uni<Response> logout(@RestCookie(SessionCookie.NAME) String secret) {
        return sessions.logout(secret).map(ended -> Response.noContent().cookie(cookie.cleared()).build());
    }

    @GET
    @Path("/me")
    @RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
    public Me me() {
        return new Me(caller.userId(), caller.workspaceId(), caller.role(), caller.sessionId(), caller.impersonatorId());
    }
}
