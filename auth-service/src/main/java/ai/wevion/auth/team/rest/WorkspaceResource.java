package ai.wevion.auth.team.rest;

import ai.wevion.auth.team.rest.TeamRequests.WorkspaceView;
import ai.wevion.auth.team.service.TeamService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** The caller's workspaces (teams): what the console's workspace switcher offers. */
@Path("/api/v1/workspaces")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class WorkspaceResource {

    private final TeamService team;
    private final Caller caller;

    public WorkspaceResource(TeamService team, Caller caller) {
        this.team = team;
        this.caller = caller;
    }

    /** Each with the caller's role there; {@code current} is the one their JWT is for (switch: POST /api/v1/auth/workspace). */
    @GET
    public Uni<List<WorkspaceView>> mine() {
        return team.workspaces(caller).map(all -> all.stream().map(w -> new WorkspaceView(w.workspaceId().toString(), w.name(),
                w.role().value(), w.workspaceId().toString().equals(caller.workspaceId()))).toList());
    }
}
