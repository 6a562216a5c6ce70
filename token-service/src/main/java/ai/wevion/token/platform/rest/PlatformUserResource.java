package ai.wevion.token.platform.rest;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import jakarta.ws.rs.core.Response;
import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.service.PlatformUserService;
import ai.wevion.token.platform.service.PlatformUserService.Listed;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The workspace's connected provider accounts; no answer ever carries a token (T2). */
@Path("/api/v1/platform-users")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class PlatformUserResource {

    public record AdAccountView(String adAccountId, String externalId, String name) {
    }

    public record PlatformUserView(String platformUserId, String platform, String externalUserId, String displayName,
            String status, Instant expiresAt, Instant lastRefreshAt, String lastRefreshError, List<AdAccountView> adAccounts) {

        static PlatformUserView of(Listed listed) {
            PlatformUser u = listed.user();
            return new PlatformUserView(u.id.toString(), u.platform, u.externalUserId, u.displayName, u.status,
                    listed.expiresAt(), u.lastRefreshAt, u.lastRefreshError,
                    u.adAccounts.stream().map(a -> new AdAccountView(a.adAccountId.toString(), a.externalId, a.name)).toList());
        }
    }

    private final PlatformUserService service;
    private final Caller caller;

    public PlatformUserResource(PlatformUserService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** In the order they were connected, a page at a time: the next page's cursor is in {@code X-Next-Cursor}. */
    @GET
    public Uni<Response> list(@QueryParam("platform") String platform, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return service.list(caller, platform, Cursor.parse(cursor), Page.limit(limit)).map(page -> page.map(PlatformUserView::of).toResponse());
    }

    @POST
    @Path("/{id}/archive")
    @ResponseStatus(204)
    public Uni<Void> archive(@PathParam("id") UUID id) {
        return service.archive(caller, id);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> disconnect(@PathParam("id") UUID id) {
        return service.disconnect(caller, id);
    }
}
