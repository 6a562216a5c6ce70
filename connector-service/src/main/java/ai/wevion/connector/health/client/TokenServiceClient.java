package ai.wevion.connector.health.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * token-service's {@code /internal/v1/platform-users}, called with this
 * service's own client-credentials JWT (client {@code connector-service},
 * scope {@code platform-users:read}), which quarkus-oidc-client gets from
 * auth-service and renews before it expires.
 */
@RegisterRestClient(configKey = "token-service")
@OidcClientFilter
@Path("/internal/v1/platform-users")
public interface TokenServiceClient {

    /** The cursor of the next page is in header {@code X-Next-Cursor}, absent on the last page. */
    String NEXT_CURSOR = "X-Next-Cursor";

    @GET
    Uni<RestResponse<List<PlatformUserState>>> page(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor);
}
