package ai.wevion.token.platform.rest;

import ai.wevion.authclient.Caller;
import ai.wevion.token.platform.service.PlatformUserService;
import ai.wevion.token.catalog.Provider;
import ai.wevion.token.catalog.ProviderCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Locale;

/** What the console needs to draw its Connect page: each platform, how it connects, and how many accounts it has here. */
@Path("/api/v1/platforms")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class PlatformResource {

    /** {@code flow}: {@code consent_popup} or {@code credentials_form}; {@code logoKey} names the console's logo. */
    public record PlatformView(String id, String displayName, String logoKey, String flow, boolean adminOnly, long connectedCount) {
    }

    private final ProviderCatalog catalog;
    private final PlatformUserService users;
    private final Caller caller;

    public PlatformResource(ProviderCatalog catalog, PlatformUserService users, Caller caller) {
        this.catalog = catalog;
        this.users = users;
        this.caller = caller;
    }

    @GET
    public Uni<List<PlatformView>> list() {
        return users.connectedCounts(caller).map(counts -> catalog.available().stream().map(Provider::gateway)
                .map(g -> new PlatformView(g.platform(), g.displayName(), g.platform(), g.flow().name().toLowerCase(Locale.ROOT),
                        g.adminOnly(), counts.getOrDefault(g.platform(), 0L)))
                .toList());
    }
}
