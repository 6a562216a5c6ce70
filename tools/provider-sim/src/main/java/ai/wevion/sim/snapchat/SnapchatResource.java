package ai.wevion.sim.snapchat;

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
import java.util.List;
import java.util.Map;

/** Snapchat's OAuth 2.0 endpoints and Marketing API calls Wevion makes, under {@code /snapchat} (docs/providers.md). */
@Path("/snapchat")
public class SnapchatResource {

    private final SnapchatOAuth server;

    public SnapchatResource(SnapchatOAuth server) {
        this.server = server;
    }

    @GET
    @Path("/login/oauth2/authorize")
    public Response authorize(@BeanParam AuthorizeQuery query, @Context UriInfo uri) {
        return server.authorize(query, uri.getQueryParameters());
    }

    @POST
    @Path("/login/oauth2/access_token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(@BeanParam TokenForm form) {
        return server.token(form);
    }

    @GET
    @Path("/v1/me")
    public Uni<Response> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return server.asUser(authorization, "me", user -> Map.of("request_status", "SUCCESS",
                "me", Map.of("id", user.id(), "display_name", user.name())));
    }

    @GET
    @Path("/v1/me/organizations")
    public Uni<Response> organizations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return server.asUser(authorization, "organizations", user -> Map.of("request_status", "SUCCESS",
                "organizations", List.of(Map.of("organization", Map.of("id", "org-" + user.id(),
                        "ad_accounts", user.adAccounts().stream().map(a -> Map.of("id", a.id(), "name", a.name())).toList())))));
    }
}
