package ai.wevion.sim.stripe;

import ai.wevion.sim.oauth.AuthorizeQuery;
import ai.wevion.sim.oauth.TokenForm;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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

/** Stripe Connect's OAuth endpoints and {@code GET /v1/account}, under {@code /stripe} (docs/providers.md). */
@Path("/stripe")
public class StripeResource {

    private final StripeOAuth server;

    public StripeResource(StripeOAuth server) {
        this.server = server;
    }

    @GET
    @Path("/oauth/authorize")
    public Response authorize(@BeanParam AuthorizeQuery query, @Context UriInfo uri) {
        return server.authorize(query, uri.getQueryParameters());
    }

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(@BeanParam TokenForm form) {
        return server.token(form);
    }

    @GET
    @Path("/v1/account")
    public Uni<Response> account(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return server.asUser(authorization, "account", user -> Map.of("id", user.id(), "object", "account",
                "business_profile", Map.of("name", user.name())));
    }
}
