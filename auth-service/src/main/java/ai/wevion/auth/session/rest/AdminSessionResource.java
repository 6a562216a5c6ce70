package ai.wevion.auth.session.rest;

import ai.wevion.auth.session.repository.Impersonation;
import ai.wevion.auth.session.service.SessionService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admin and owner only; the targets must be in the caller's workspace (404 otherwise). */
@Path("/api/v1/admin")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class AdminSessionResource {

    public record ImpersonateRequest(@NotNull UUID userId) {
    }

    public record ImpersonationView(String adminId, String userId, Instant startedAt, Instant until, Instant endedAt) {
        static ImpersonationView of(Impersonation i) {
            return new ImpersonationView(i.adminId.toString(), i.userId.toString(), i.startedAt, i.until, i.endedAt);
        }
    }

    private final SessionService sessions;
    private final SessionResponses responses;
    private final Caller caller;

    public AdminSessionResource(SessionService sessions, SessionResponses responses, Caller caller) {
        this.sessions = sessions;
        this.responses = responses;
        this.caller = caller;
    }

    /** A4: every session of the user ends; their live JWTs stop working everywhere within a second. */
    @POST
    @Path("/users/{userId}/logout")
    public Uni<Response> forceLogout(@PathParam("userId") UUID userId) {
        return sessions.forceLogout(caller, userId).map(done -> Response.noContent().build());
    }

    /** A5: the answer's JWT is the user's, with {@code act.sub} naming the admin. */
    @POST
    @Path("/impersonate")
    public Uni<Response> impersonate(@Valid @NotNull ImpersonateRequest request) {
        return sessions.impersonate(caller, request.userId()).map(responses::ok);
    }

    @GET
    @Path("/impersonations")
    public Uni<List<ImpersonationView>> impersonations() {
        return sessions.impersonations(caller).map(list -> list.stream().map(ImpersonationView::of).toList());
    }
}
