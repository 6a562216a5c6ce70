package ai.wevion.token.platform.rest;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.platform.service.ConnectService;
import ai.wevion.token.platform.service.OAuthStateSigner;
import ai.wevion.token.catalog.ProviderCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.util.UUID;

/** Connect and Reconnect at /connect/{platform} (T1, T5). */
@Path("/api/v1/connect/{platform}")
public class ConnectResource {

    private final ConnectService connect;
    private final Caller caller;
    private final OAuthStateSigner signer;
    private final ProviderCatalog catalog;
    private final CallbackPage page;
    private final TokenConfig.State stateConfig;

    public ConnectResource(ConnectService connect, Caller caller, OAuthStateSigner signer, ProviderCatalog catalog,
            TokenConfig config, ObjectMapper json) {
        this.connect = connect;
        this.caller = caller;
        this.signer = signer;
        this.catalog = catalog;
        this.page = new CallbackPage(json, config.frontendUrl());
        this.stateConfig = config.state();
    }

    /** The consent screen's URL and state; a short-lived cookie ties the state to this browser. */
    @GET
    @Path("/authorize")
    @RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
    public Uni<Response> authorize(@PathParam("platform") String platform,
            @QueryParam("mode") @NotNull @Pattern(regexp = "connect|reconnect", message = "must be connect or reconnect") String mode,
            @QueryParam("platformUserId") UUID platformUserId) {
        return connect.authorize(caller, platform, mode, platformUserId).map(authorization -> {
            OAuthStateSigner.BrowserBinding binding = signer.browserBinding(authorization.state());
            return Response.ok(authorization)
                    .cookie(bindingCookie(binding.cookieName(), binding.value(), (int) stateConfig.ttl().toSeconds()))
                    .build();
        });
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
     * The provider's redirect. The state (not a JWT: this is a browser
     * redirect) says who connects, and its cookie that this is the browser
     * that asked. JSON for a caller that asks for it; otherwise the page that
     * tells the console and closes the popup, for every outcome and error.
     */
    @GET
    @Path("/callback")
    @PermitAll
    public Uni<Response> callback(@PathParam("platform") String platform, @QueryParam("code") String code,
            @QueryParam("state") String state, @QueryParam("error") String error,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context HttpHeaders headers) {
        boolean json = accept != null && accept.contains(MediaType.APPLICATION_JSON);
        String cookieName = state == null ? null : OAuthStateSigner.browserCookieName(state);
        Cookie binding = cookieName == null ? null : headers.getCookies().get(cookieName);
        Uni<ConnectService.ConnectResult> result = Uni.createFrom().deferred(() -> {
            if (error != null) {
                throw ApiException.badRequest("access_denied", "The connection was cancelled on the provider's side.");
            }
            if (code == null || code.isBlank()) {
                throw ApiException.badRequest("missing_code", "The provider sent no authorization code.");
            }
            return connect.callback(platform, code, state, binding == null ? null : binding.getValue());
        });
        NewCookie cleared = cookieName == null ? null : bindingCookie(cookieName, "", 0); // spent with the state
        if (json) {
            return result.map(r -> Response.ok(r, MediaType.APPLICATION_JSON).cookie(cleared).build());
        }
        String name = catalog.displayName(platform);
        return result.map(r -> page.connected(platform, name, r.outcome().name(), r.platformUserId(), cleared))
                .onFailure().recoverWithItem(e -> e instanceof ApiException api
                        ? page.failed(api.status(), platform, name, api.error(), api.getMessage(), cleared)
                        : page.failed(500, platform, name, "internal_error", "Something went wrong on our side. Try again.", cleared));
    }

    private NewCookie bindingCookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/api/v1/connect").maxAge(maxAge).httpOnly(true)
                .secure(stateConfig.secureCookie()).sameSite(NewCookie.SameSite.LAX).build();
    }
}
