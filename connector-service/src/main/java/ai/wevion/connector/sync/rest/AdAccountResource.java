package ai.wevion.connector.sync.rest;

import ai.wevion.connector.sync.service.SyncService;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** Per-ad-account status (C8) and Force sync. */
@Path("/api/v1/ad-accounts")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class AdAccountResource {

    private final SyncService sync;
    private final Caller caller;

    public AdAccountResource(SyncService sync, Caller caller) {
        this.sync = sync;
        this.caller = caller;
    }

    /** By name, a page at a time: the next page's cursor is in {@code X-Next-Cursor}. */
    @GET
    public Uni<Response> list(@QueryParam("platform") String platform, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return sync.adAccounts(UUID.fromString(caller.workspaceId()), platform, Cursor.parse(cursor), Page.limit(limit))
                .map(Page::toResponse);
    }

    /** 202 with the request id, or 409 token_expired when no healthy token covers the account. */
    @POST
    @Path("/{id}/sync")
    public Uni<Response> forceSync(@PathParam("id") UUID id) {
        return sync.force(caller, id)
                .map(requestId -> Response.accepted(Map.of("requestId", requestId.toString())).build());
    }
}
