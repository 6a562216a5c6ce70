package ai.wevion.auth.account.rest;

import ai.wevion.auth.account.rest.AccountRequests.MemberCreated;
import ai.wevion.auth.account.rest.AccountRequests.NewMember;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/workspaces/{workspaceId}/members")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class MemberResource {

    private final AccountService accounts;
    private final Caller caller;

    public MemberResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    /** The workspace's people, for admins and owners (the console's members list: force logout, act as). */
    @GET
    public Uni<List<InternalMemberResource.Member>> list(@PathParam("workspaceId") UUID workspaceId) {
        caller.requireWorkspace(workspaceId.toString());
        caller.requireAdmin();
        return accounts.members(workspaceId).map(users -> users.stream()
                .map(u -> new InternalMemberResource.Member(u.id.toString(), u.email, u.role.value()))
                .toList());
    }

    @POST
    @ResponseStatus(201)
    public Uni<MemberCreated> add(@PathParam("workspaceId") UUID workspaceId, @Valid @NotNull NewMember request) {
        return accounts.addMember(caller, workspaceId, request.email(), request.password(), request.role())
                .map(user -> new MemberCreated(user.id.toString()));
    }
}
