package ai.wevion.audit;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/**
 * Who did what in the caller's workspace, newest first, for its admins and
 * owners; the next page's cursor is in {@code X-Next-Cursor}. Every service
 * answers for its own actions; auth-service's answer (the public route) also
 * holds every other service's, read from {@code audit-events}.
 */
@Path("/api/v1/admin/audit")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class AuditResource {

    private final AuditLog log;
    private final Caller caller;

    public AuditResource(AuditLog log, Caller caller) {
        this.log = log;
        this.caller = caller;
    }

    @GET
    public Uni<Response> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        caller.requireAdmin();
        return log.page(UUID.fromString(caller.workspaceId()), Cursor.parse(cursor), Page.limit(limit)).map(Page::toResponse);
    }
}
