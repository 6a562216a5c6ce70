package ai.wevion.auth.account.rest;

import ai.wevion.auth.account.service.AccountService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;

/** Who may act on a workspace's alerts (notification-service asks); service JWTs only. */
@Path("/internal/v1/workspaces/{workspaceId}/members")
@RolesAllowed(Caller.SERVICE)
public class InternalMemberResource {

    public record Member(String userId, String email, String role) {
    }

    private final AccountService accounts;
    private final Caller caller;

    public InternalMemberResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    public Uni<List<Member>> list(@PathParam("workspaceId") UUID workspaceId) {
        caller.requireScope("members:read");
        return accounts.members(workspaceId).map(users -> users.stream()
                .map(u -> new Member(u.id.toString(), u.email, u.role.value()))
                .toList());
    }
}
