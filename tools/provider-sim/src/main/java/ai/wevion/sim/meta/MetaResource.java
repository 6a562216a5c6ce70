package ai.wevion.sim.meta;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.FailureMode;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import ai.wevion.sim.oauth.ConsentPage;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Meta's OAuth dialog and Graph API token endpoints under {@code /meta/{version}}
 * (docs/providers.md): code exchange, fb_exchange_token, /me, /me/adaccounts,
 * debug_token — with each user's injected failure.
 */
@Path("/meta/{version}")
public class MetaResource {

    private static final String PROVIDER = "meta";

    private final SimUsers users;
    private final MetaTokens tokens;
    private final CallStats stats;
    private final SimLatency latency;
    private final MetaConfig config;
    private final Duration timeoutDelay;

    public MetaResource(SimUsers users, MetaTokens tokens, CallStats stats, SimLatency latency, MetaConfig config,
            @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        this.users = users;
        this.tokens = tokens;
        this.stats = stats;
        this.latency = latency;
        this.config = config;
        this.timeoutDelay = timeoutDelay;
    }

    /**
     * The consent screen: answered at once for {@code sim_user} (302 back with
     * code and state); otherwise a page to click, whose Cancel comes back with
     * Meta's own denial.
     */
    @GET
    @Path("/dialog/oauth")
    public Response dialog(@QueryParam("client_id") String clientId, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state, @QueryParam("sim_user") String simUser, @QueryParam("sim_answer") String answer,
            @Context UriInfo uri) {
        if (!config.appId().equals(clientId) || redirectUri == null) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("Invalid App ID or redirect_uri").build();
        }
        if (ConsentPage.CANCEL.equals(answer)) {
            return ConsentPage.denied(redirectUri, state, Map.of("error", "access_denied", "error_code", "200",
                    "error_description", "Permissions error", "error_reason", "user_denied"));
        }
        if (simUser == null) {
            return ConsentPage.render("Facebook", users.list(PROVIDER), uri.getQueryParameters());
        }
        Optional<SimUser> user = users.find(PROVIDER, simUser);
        if (user.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("sim_user names no simulated Meta user").build();
        }
        if ("allow".equals(answer)) {
            user.get().failWith(FailureMode.NONE, null, null); // a person who logs in and approves again has a working login
        }
        stats.count(PROVIDER, "dialog", simUser);
        UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("code", tokens.issueCode(simUser, redirectUri));
        if (state != null) {
            back.queryParam("state", state);
        }
        return Response.status(302).location(back.build()).build();
    }

    /** Code exchange (short-lived token) or, with grant_type=fb_exchange_token, the long-lived exchange. */
    @GET
    @Path("/oauth/access_token")
    public Uni<Response> accessToken(@QueryParam("grant_type") String grantType, @QueryParam("client_id") String clientId,
            @QueryParam("client_secret") String clientSecret, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("code") String code, @QueryParam("fb_exchange_token") String exchangeToken) {
        if (!config.appId().equals(clientId) || !config.appSecret().equals(clientSecret)) {
            return answer(MetaErrors.badClientSecret());
        }
        if ("fb_exchange_token".equals(grantType)) {
            return exchange(exchangeToken);
        }
        if (code == null) {
            return answer(MetaErrors.missingParameter("code"));
        }
        if (tokens.wasUsed(code)) {
            return answer(MetaErrors.codeUsed());
        }
        Optional<MetaTokens.Code> redeemed = tokens.redeem(code);
        if (redeemed.isEmpty() || redeemed.get().expiresAt().isBefore(Instant.now())) {
            return answer(MetaErrors.codeInvalid());
        }
        SimUser user = users.find(PROVIDER, redeemed.get().userId()).orElseThrow();
        stats.count(PROVIDER, "code", user.id());
        return withFailure(user, () -> tokenBody(tokens.issueToken(user.id(), config.shortLivedSeconds()), config.shortLivedSeconds()));
    }

    @GET
    @Path("/me")
    public Uni<Response> me(@QueryParam("access_token") String accessToken, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return asUser(token(accessToken, authorization), "me", user -> ok(Map.of("id", user.id(), "name", user.name())));
    }

    @GET
    @Path("/me/adaccounts")
    public Uni<Response> adAccounts(@QueryParam("access_token") String accessToken,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit) {
        return asUser(token(accessToken, authorization), "adaccounts", user -> ok(page(user.adAccounts(), after, limit)));
    }

    /** Introspection: always HTTP 200, an invalid token described inside {@code data}. */
    @GET
    @Path("/debug_token")
    public Uni<Response> debugToken(@QueryParam("input_token") String inputToken, @QueryParam("access_token") String appToken) {
        if (!(config.appId() + "|" + config.appSecret()).equals(appToken)) {
            return answer(MetaErrors.invalidToken());
        }
        Optional<MetaTokens.Token> token = tokens.token(inputToken);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("app_id", config.appId());
        data.put("type", "USER");
        data.put("application", "Wevion");
        token.ifPresent(t -> {
            stats.count(PROVIDER, "debug_token", t.userId());
            data.put("user_id", t.userId());
            data.put("expires_at", t.expiresAt().getEpochSecond());
            long dataAccess = users.find(PROVIDER, t.userId()).map(u -> u.dataAccessSeconds(Duration.ofDays(90).toSeconds()))
                    .orElse(Duration.ofDays(90).toSeconds());
            data.put("data_access_expires_at", Instant.now().plusSeconds(dataAccess).getEpochSecond());
            data.put("scopes", List.of("ads_read", "ads_management", "business_management"));
        });
        boolean valid = token.isPresent() && !token.get().expired(Instant.now());
        data.put("is_valid", valid);
        if (!valid) {
            data.put("error", Map.of("code", 190, "message", token.isPresent() ? "Session has expired" : "Invalid OAuth access token",
                    "subcode", token.isPresent() ? 463 : 0));
        }
        return answer(ok(Map.of("data", data)));
    }

    private Uni<Response> exchange(String accessToken) {
        return asUser(accessToken, "exchange", user -> {
            long lifetime = user.tokenLifetimeSeconds(config.longLivedSeconds());
            return tokenBody(tokens.issueToken(user.id(), lifetime), lifetime);
        });
    }

    /** Resolves the token to its user, counts the call, applies the user's failure, then answers. */
    private Uni<Response> asUser(String accessToken, String endpoint, java.util.function.Function<SimUser, Response> answer) {
        Optional<MetaTokens.Token> token = tokens.token(accessToken);
        if (token.isEmpty()) {
            return answer(MetaErrors.invalidToken());
        }
        SimUser user = users.find(PROVIDER, token.get().userId()).orElseThrow();
        stats.count(PROVIDER, endpoint, user.id());
        if (token.get().expired(Instant.now())) {
            return answer(MetaErrors.expiredToken(token.get().expiresAt()));
        }
        return withFailure(user, () -> answer.apply(user));
    }

    private Uni<Response> withFailure(SimUser user, java.util.function.Supplier<Response> success) {
        SimUser.Failure failure = user.takeFailure();
        return switch (failure.mode()) {
            case NONE -> latency.after(success);
            case TIMEOUT -> latency.after(timeoutDelay,
                    () -> MetaErrors.forFailure(new SimUser.Failure(FailureMode.TRANSIENT, null), config.appId(), user.id()));
            default -> answer(MetaErrors.forFailure(failure, config.appId(), user.id()));
        };
    }

    private Uni<Response> answer(Response response) {
        return latency.after(() -> response);
    }

    private static Response tokenBody(String accessToken, long expiresIn) {
        return ok(Map.of("access_token", accessToken, "token_type", "bearer", "expires_in", expiresIn));
    }

    private static Response ok(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private static String token(String queryToken, String authorization) {
        if (queryToken != null) {
            return queryToken;
        }
        if (authorization != null && authorization.matches("(?i)(Bearer|OAuth) .+")) {
            return authorization.substring(authorization.indexOf(' ') + 1).trim();
        }
        return null;
    }

    private static Map<String, Object> page(List<SimUser.AdAccount> accounts, String after, Integer limit) {
        int from = after == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8));
        int size = limit == null ? 25 : Math.max(1, Math.min(limit, 100));
        int to = Math.min(accounts.size(), from + size);
        List<Map<String, Object>> data = accounts.subList(Math.min(from, accounts.size()), to).stream()
                .map(a -> Map.<String, Object>of("id", a.id().startsWith("act_") ? a.id() : "act_" + a.id(), "name", a.name(),
                        "account_status", 1))
                .toList();
        Map<String, Object> cursors = new LinkedHashMap<>();
        cursors.put("before", cursor(from));
        cursors.put("after", cursor(to));
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("cursors", cursors);
        if (to < accounts.size()) {
            paging.put("next", "me/adaccounts?after=" + cursor(to));
        }
        return Map.of("data", data, "paging", paging);
    }

    private static String cursor(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(index).getBytes(StandardCharsets.UTF_8));
    }
}
