package ai.wevion.auth.team.rest;

import ai.wevion.auth.account.rest.AccountRequests.MemberCreated;
import ai.wevion.auth.account.rest.AccountRequests.NewMember;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.auth.team.rest.TeamRequests.InvitationView;
import ai.wevion.auth.team.rest.TeamRequests.MemberView;
import ai.wevion.auth.team.rest.TeamRequests.NewInvitation;
import ai.wevion.auth.team.rest.TeamRequests.RoleChange;
import ai.wevion.auth.team.service.TeamService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;

/** A workspace's members: list, add, change a role, remove (or leave), invite (A7, teams). */
@Path("/api/v1/workspaces/{workspaceId}")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class MemberResource {

    private final TeamService team;
    private final AccountService accounts;
    private final Caller caller;

    public MemberResource(TeamService team, AccountService accounts, Caller caller) {
        this.team = team;
        this.accounts = accounts;
        this.caller = caller;
    }

    /** The workspace's people, for admins and owners (the console's members list: roles, force logout, act as). */
    @GET
    @Path("/members")
    public Uni<List<MemberView>> list(@PathParam("workspaceId") UUID workspaceId) {
        return team.members(caller, workspaceId).map(all -> all.stream().map(MemberView::of).toList());
    }

    /** An account for a new person, made by an admin (someone who has one already is invited). */
    @POST
    @Path("/members")
    @ResponseStatus(201)
    public Uni<MemberCreated> add(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewMember request) {
        return accounts.addMember(caller, workspaceId, request.email(), request.password(), request.role())
                .map(user -> new MemberCreated(user.id.toString()));
    }

    /** The member's sessions in this workspace end: they log in again with the new role. */
    @PATCH
    @Path("/members/{userId}")
    public Uni<MemberView> changeRole(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId,
            @Valid @NotNull RoleChange request) {
        return team.changeRole(caller, workspaceId, userId, request.role()).map(MemberView::of);
    }

    /** Removes the member (their own id: they leave); their sessions in this workspace end everywhere within a second. */
    @DELETE
    @Path("/members/{userId}")
    @ResponseStatus(204)
    public Uni<Void> remove(@PathParam("workspaceId") UUID workspaceId, @PathParam("userId") UUID userId) {
        return team.remove(caller, workspaceId, userId);
    }

    @POST
    @Path("/invitations")
    @ResponseStatus(201)
    public Uni<InvitationView> invite(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewInvitation request) {
        return team.invite(caller, workspaceId, request.email(), request.role())
                .map(i -> new InvitationView(i.invitationId().toString(), i.link(), i.expiresAt()));
    }
}
