package ai.wevion.token.platform.rest;

import ai.wevion.session.Caller;
import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.platform.service.ConnectService;
import ai.wevion.token.platform.service.ConnectService.Authorization;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;

/** Connect and Reconnect at /connect/{platform} (T1, T5). */
@Path("/api/v1/connect/{platform}")
public class ConnectResource {

    private final ConnectService connect;
    private final Caller caller;
    private final String frontendUrl;

    public ConnectResource(ConnectService connect, Caller caller, TokenConfig config) {
        this.connect = connect;
        this.caller = caller;
        this.frontendUrl = config.frontendUrl();
    }

    @GET
    @Path("/authorize")
    @RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
    public Uni<Authorization> authorize(@PathParam("platform") String platform,
            @QueryParam("mode") @NotNull @Pattern(regexp = "connect|reconnect", message = "must be connect or reconnect") String mode,
            @QueryParam("platformUserId") UUID platformUserId) {
        return connect.authorize(caller, platform, mode, platformUserId);
    }

    /** The account's own API credentials, for providers without a consent screen (Taboola, Outbrain). */
    public record Credentials(@NotBlank @Size(max = 200) String login, @NotBlank @Size(max = 500) String secret) {
    }

    @POST
    @Path("/credentials")
    @RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
    public Uni<ConnectService.ConnectResult> credentials(@PathParam("platform") String platform, @Valid @NotNull Credentials body) {
        return connect.connectWithCredentials(caller, platform, body.login(), body.secret());
    }

    /**
     * The provider's redirect. The state (not a JWT: this is a browser redirect)
     * says who connects. JSON for the frontend's popup; otherwise back to the app.
     */
    @GET
    @Path("/callback")
    @PermitAll
    public Uni<Response> callback(@PathParam("platform") String platform, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (error != null) {
            throw ApiException.badRequest("access_denied", "The authorization was cancelled on the provider's side.");
        }
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("missing_code", "The provider sent no authorization code.");
        }
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON);
        return connect.callback(platform, code, state).map(result -> json
                ? Response.ok(result, MediaType.APPLICATION_JSON).build()
                : Response.seeOther(UriBuilder.fromUri(frontendUrl).path("connect").path(platform)
                        .queryParam("outcome", result.outcome()).queryParam("platformUserId", result.platformUserId()).build())
                        .build());
    }
}
