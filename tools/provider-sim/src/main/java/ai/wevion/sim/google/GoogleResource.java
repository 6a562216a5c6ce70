package ai.wevion.sim.google;

import ai.wevion.sim.oauth.AuthorizeQuery;
import ai.wevion.sim.oauth.TokenForm;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * Google's OAuth 2.0 endpoints and the two calls Wevion makes with its
 * tokens, under {@code /google} (docs/providers.md): consent (PKCE S256), token,
 * userinfo, and Google Ads' listAccessibleCustomers.
 */
@Path("/google")
public class GoogleResource {

    private final GoogleOAuth server;

    public GoogleResource(GoogleOAuth server) {
        this.server = server;
    }

    @GET
    @Path("/o/oauth2/v2/auth")
    public Response authorize(@BeanParam AuthorizeQuery query, @Context UriInfo uri) {
        return server.authorize(query, uri.getQueryParameters());
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(@BeanParam TokenForm form) {
        return server.token(form);
    }

    @GET
    @Path("/oauth2/v3/userinfo")
    public Uni<Response> userinfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return server.asUser(authorization, "userinfo", user -> Map.of("sub", user.id(), "name", user.name()));
    }

    @GET
    @Path("/ads/v17/customers:listAccessibleCustomers")
    public Uni<Response> customers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return server.asUser(authorization, "listAccessibleCustomers", user -> Map.of("resourceNames",
                user.adAccounts().stream().map(a -> "customers/" + a.id()).toList()));
    }
}
