package ai.wevion.token.refresh.rest;

import ai.wevion.authclient.Caller;
import ai.wevion.token.refresh.service.CredentialService;
import ai.wevion.token.refresh.service.CredentialService.Credential;
import ai.wevion.token.refresh.service.RefreshService;
import ai.wevion.token.refresh.service.RefreshService.SweepResult;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** Service JWTs only. */
@Path("/internal/v1")
@RolesAllowed(Caller.SERVICE)
public class InternalRefreshResource {

    private final RefreshService refresh;
    private final CredentialService credentials;
    private final Caller caller;

    public InternalRefreshResource(RefreshService refresh, CredentialService credentials, Caller caller) {
        this.refresh = refresh;
        this.credentials = credentials;
        this.caller = caller;
    }

    /** Runs the 12-hour refresh job now (T3). */
    @POST
    @Path("/refresh-sweep")
    public Uni<SweepResult> sweep() {
        caller.requireScope("refresh:run");
        return refresh.sweep();
    }

    /** The token for an API call on the workspace's behalf; 409 token_expired when it is dead. */
    @GET
    @Path("/credentials/{platformUserId}")
    public Uni<Credential> credential(@PathParam("platformUserId") UUID platformUserId) {
        caller.requireScope("credentials:read");
        return credentials.credential(platformUserId);
    }
}
