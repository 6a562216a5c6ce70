package ai.wevion.auth.team.rest;

import ai.wevion.auth.team.rest.TeamRequests.Acceptance;
import ai.wevion.auth.team.rest.TeamRequests.InvitedSignup;
import ai.wevion.auth.team.rest.TeamRequests.JoinedView;
import ai.wevion.auth.team.service.TeamService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Joining a workspace with an invitation link (teams). */
@Path("/api/v1/invitations")
public class InvitationResource {

    private final TeamService team;
    private final Caller caller;

    public InvitationResource(TeamService team, Caller caller) {
        this.team = team;
        this.caller = caller;
    }

    /** A logged-in user joins with the link sent to their address; then they may switch to it (POST /api/v1/auth/workspace). */
    @POST
    @Path("/accept")
    @RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
    public Uni<JoinedView> accept(@Valid @NotNull Acceptance request) {
        return team.accept(caller, request.token()).map(JoinedView::of);
    }

    /** Someone without an account joins with the link: the account is made for the invited address; then they log in. */
    @POST
    @Path("/signup")
    @PermitAll
    @ResponseStatus(201)
    public Uni<JoinedView> signup(@Valid @NotNull InvitedSignup request) {
        return team.signUpInvited(request.token(), request.password()).map(JoinedView::of);
    }
}
