package ai.wevion.sim.tiktok;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import ai.wevion.sim.oauth.OAuthTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * TikTok's Marketing API auth under {@code /tiktok} (docs/providers.md): the
 * advertiser authorization page, the JSON token exchange, and the two calls
 * made with the token ({@code Access-Token} header). Advertiser tokens never
 * expire; every error is HTTP 200 with a non-zero {@code code}.
 */
@Path("/tiktok")
public class TikTokResource {

    private static final String PROVIDER = "tiktok";

    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final OAuthTokens tokens = new OAuthTokens("tt-auth-", "tt-act-", "tt-rt-");
    private final String appId;
    private final String secret;
    private final Duration timeoutDelay;

    public TikTokResource(SimUsers users, CallStats stats, SimLatency latency, @ConfigProperty(name = "sim.tiktok.app-id") String appId,
            @ConfigProperty(name = "sim.tiktok.secret") String secret, @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        this.users = users;
        this.stats = stats;
        this.latency = latency;
        this.appId = appId;
        this.secret = secret;
        this.timeoutDelay = timeoutDelay;
    }

    public Set<String> issued() {
        return tokens.issued();
    }

    /** The advertiser's consent, answered at once: back with {@code auth_code} (and {@code code}) and the state. */
    @GET
    @Path("/portal/auth")
    public Response authorize(@QueryParam("app_id") String app, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state, @QueryParam("sim_user") String simUser) {
        if (!appId.equals(app) || redirectUri == null || users.find(PROVIDER, simUser).isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("app_id, redirect_uri or sim_user is wrong").build();
        }
        stats.count(PROVIDER, "authorize", simUser);
        String code = tokens.issueCode(simUser, redirectUri, null);
        UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("auth_code", code).queryParam("code", code);
        if (state != null) {
            back.queryParam("state", state);
        }
        return Response.status(302).location(back.build()).build();
    }

    @POST
    @Path("/open_api/v1.3/oauth2/access_token/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> accessToken(JsonObject body) {
        if (body == null || !appId.equals(body.getString("app_id")) || !secret.equals(body.getString("secret"))) {
            return envelope(40001, "app_id or secret is invalid", null);
        }
        Optional<OAuthTokens.Code> grant = tokens.redeem(body.getString("auth_code"));
        if (grant.isEmpty()) {
            return envelope(40110, "Auth code is invalid or has expired.", null);
        }
        SimUser user = users.find(PROVIDER, grant.get().userId()).orElseThrow();
        stats.count(PROVIDER, "access_token", user.id());
        return envelope(0, "OK", Map.of("access_token", tokens.issueAccess(user.id(), 0), "scope", java.util.List.of(1, 2, 3),
                "advertiser_ids", user.adAccounts().stream().map(SimUser.AdAccount::id).toList()));
    }

    /**
     * Creator accounts (docs/providers.md): JSON {@code authorization_code} and
     * {@code refresh_token} grants; access tokens live 24 h, refresh tokens a
     * year and rotate on every use (the old one dies: store the newest).
     */
    @POST
    @Path("/open_api/v1.3/tt_user/oauth2/token/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> creatorToken(JsonObject body) {
        if (body == null || !appId.equals(body.getString("client_id")) || !secret.equals(body.getString("client_secret"))) {
            return envelope(40001, "client_id or client_secret is invalid", null);
        }
        Optional<OAuthTokens.Code> grant = tokens.redeem(body.getString("auth_code"));
        if (grant.isEmpty()) {
            return envelope(40110, "Auth code is invalid or has expired.", null);
        }
        SimUser user = users.find(PROVIDER, grant.get().userId()).orElseThrow();
        stats.count(PROVIDER, "creator_token", user.id());
        return envelope(0, "OK", creatorTokens(user));
    }

    @POST
    @Path("/open_api/v1.3/tt_user/oauth2/refresh_token/")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> creatorRefresh(JsonObject body) {
        if (body == null || !appId.equals(body.getString("client_id")) || !secret.equals(body.getString("client_secret"))) {
            return envelope(40001, "client_id or client_secret is invalid", null);
        }
        Optional<String> owner = tokens.refreshOwner(body.getString("refresh_token"));
        if (owner.isEmpty()) {
            return envelope(40107, "Refresh token is invalid or has expired.", null);
        }
        SimUser user = users.find(PROVIDER, owner.get()).orElseThrow();
        stats.count(PROVIDER, "creator_refresh", user.id());
        SimUser.Failure failure = user.takeFailure();
        if (failure.mode() != ai.wevion.sim.control.FailureMode.NONE) {
            int code = failure.code() != null ? failure.code() : switch (failure.mode()) {
                case RATE_LIMITED -> 40100;
                case TRANSIENT, TIMEOUT -> 50000;
                default -> 40103;
            };
            return envelope(code, "Simulated TikTok error " + code, null);
        }
        tokens.revoke(body.getString("refresh_token"));
        return envelope(0, "OK", creatorTokens(user));
    }

    private Map<String, Object> creatorTokens(SimUser user) {
        long lifetime = user.tokenLifetimeSeconds(86400);
        return Map.of("access_token", tokens.issueAccess(user.id(), lifetime), "expires_in", lifetime,
                "refresh_token", tokens.issueRefresh(user.id()), "refresh_token_expires_in", 31_536_000, "open_id", user.id(),
                "scope", "user.info.basic");
    }

    @GET
    @Path("/open_api/v1.3/user/info/")
    public Uni<Response> userInfo(@HeaderParam("Access-Token") String token) {
        return asUser(token, "user_info", user -> Map.of("core_user_id", user.id(), "display_name", user.name()));
    }

    @GET
    @Path("/open_api/v1.3/oauth2/advertiser/get/")
    public Uni<Response> advertisers(@HeaderParam("Access-Token") String token, @QueryParam("app_id") String app,
            @QueryParam("secret") String appSecret) {
        if (!appId.equals(app) || !secret.equals(appSecret)) {
            return envelope(40001, "app_id or secret is invalid", null);
        }
        return asUser(token, "advertiser_get", user -> Map.of("list", user.adAccounts().stream()
                .map(a -> Map.of("advertiser_id", a.id(), "advertiser_name", a.name())).toList()));
    }

    private Uni<Response> asUser(String token, String endpoint, java.util.function.Function<SimUser, Object> data) {
        Optional<OAuthTokens.Access> access = tokens.access(token);
        if (access.isEmpty()) {
            return envelope(40105, "Access token is incorrect or has been revoked.", null);
        }
        if (access.get().expiresAt().isBefore(java.time.Instant.now())) {
            return envelope(40102, "Access token has expired.", null); // creator tokens live 24 h
        }
        SimUser user = users.find(PROVIDER, access.get().userId()).orElseThrow();
        stats.count(PROVIDER, endpoint, user.id());
        SimUser.Failure failure = user.takeFailure();
        if (failure.mode() != ai.wevion.sim.control.FailureMode.NONE && failure.code() != null) {
            return envelope(failure.code(), "Simulated TikTok error " + failure.code(), null); // any code of docs/providers.md
        }
        return switch (failure.mode()) {
            case NONE -> envelope(0, "OK", data.apply(user));
            case TIMEOUT -> latency.after(timeoutDelay, () -> body(50000, "System error", null));
            case RATE_LIMITED -> envelope(40100, "Requests made too frequently.", null);
            case TRANSIENT -> envelope(50000, "System error", null);
            case LOGGED_OUT -> envelope(40114, "The advertiser has logged out.", null);
            default -> {
                tokens.revokeAll(user.id()); // revoked for good
                yield envelope(40105, "Access token is incorrect or has been revoked.", null);
            }
        };
    }

    private Uni<Response> envelope(int code, String message, Object data) {
        return latency.after(() -> body(code, message, data));
    }

    /** Always HTTP 200: TikTok puts the outcome in {@code code}. */
    private static Response body(int code, String message, Object data) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("request_id", UUID.randomUUID().toString().replace("-", ""));
        body.put("data", data == null ? Map.of() : data);
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }
}
