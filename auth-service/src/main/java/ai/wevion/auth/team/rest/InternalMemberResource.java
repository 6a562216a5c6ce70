package ai.wevion.auth.team.rest;

import ai.wevion.auth.team.rest.TeamRequests.MemberView;
import ai.wevion.auth.team.service.TeamService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;

/** Who may act on a workspace's alerts (notification-service asks); service JWTs with scope members:read only. */
@Path("/internal/v1/workspaces/{workspaceId}/members")
@RolesAllowed(Caller.SERVICE)
public class InternalMemberResource {

    private final TeamService team;
    private final Caller caller;

    public InternalMemberResource(TeamService team, Caller caller) {
        this.team = team;
        this.caller = caller;
    }

    @GET
    public Uni<List<MemberView>> list(@PathParam("workspaceId") UUID workspaceId) {
        caller.requireScope("members:read");
        return team.membersForService(workspaceId).map(all -> all.stream().map(MemberView::of).toList());
    }
}
