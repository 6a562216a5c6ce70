package ai.wevion.token.platform.rest;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.service.PlatformUserService;
import ai.wevion.token.platform.service.PlatformUserService.Listed;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Every platform user's state as token-service holds it now, for a service
 * that rebuilds its own view of it (connector-service reconciles its cards
 * from here, so a lost or expired event cannot leave a card wrong for ever).
 * Never a token. Scope {@code platform-users:read}.
 */
@Path("/internal/v1/platform-users")
@RolesAllowed(Caller.SERVICE)
public class InternalPlatformUserResource {

    public record AdAccountState(String adAccountId, String externalId, String name) {
    }

    /**
     * One record as read at {@code observedAt} (token-service's clock): every
     * change made before then is in it.
     */
    public record PlatformUserState(String platformUserId, String workspaceId, String platform, String externalUserId,
            String displayName, String status, String reason, Instant expiresAt, Instant lastRefreshAt, Instant observedAt,
            List<AdAccountState> adAccounts) {

        static PlatformUserState of(Listed listed, Instant observedAt) {
            PlatformUser u = listed.user();
            return new PlatformUserState(u.id.toString(), u.workspaceId.toString(), u.platform, u.externalUserId, u.displayName,
                    u.status, PlatformUser.EXPIRED.equals(u.status) ? u.lastRefreshError : null, listed.expiresAt(), u.lastRefreshAt,
                    observedAt, u.adAccounts.stream().map(a -> new AdAccountState(a.adAccountId.toString(), a.externalId, a.name)).toList());
        }
    }

    private final PlatformUserService service;
    private final Caller caller;
    private final Clock clock;

    public InternalPlatformUserResource(PlatformUserService service, Caller caller, Clock clock) {
        this.service = service;
        this.caller = caller;
        this.clock = clock;
    }

    /** In the order they were connected, a page at a time: the next page's cursor is in {@code X-Next-Cursor}. */
    @GET
    public Uni<Response> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        caller.requireScope("platform-users:read");
        Instant observedAt = clock.instant();
        return service.listAll(Cursor.parse(cursor), Page.limit(limit))
                .map(page -> page.map(l -> PlatformUserState.of(l, observedAt)).toResponse());
    }
}
