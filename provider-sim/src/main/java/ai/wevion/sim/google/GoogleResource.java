package ai.wevion.sim.google;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.FailureMode;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Google's OAuth 2.0 server and the two calls Wevion makes with its tokens,
 * under {@code /google} (PROVIDERS.md): the consent screen (PKCE S256), the
 * token endpoint (authorization_code, refresh_token without rotation), the
 * userinfo endpoint and Google Ads' listAccessibleCustomers — with each
 * user's injected failure on the refresh grant.
 */
@Path("/google")
public class GoogleResource {

    private static final String PROVIDER = "google";
    private static final long ACCESS_LIFETIME = 3599;

    private final SimUsers users;
    private final GoogleTokens tokens;
    private final CallStats stats;
    private final SimLatency latency;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeoutDelay;

    public GoogleResource(SimUsers users, GoogleTokens tokens, CallStats stats, SimLatency latency,
            @ConfigProperty(name = "sim.google.client-id") String clientId,
            @ConfigProperty(name = "sim.google.client-secret") String clientSecret,
            @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        this.users = users;
        this.tokens = tokens;
        this.stats = stats;
        this.latency = latency;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeoutDelay = timeoutDelay;
    }

    /** The consent screen, answered at once for {@code sim_user}: 302 back with code and state. */
    @GET
    @Path("/o/oauth2/v2/auth")
    public Response authorize(@QueryParam("client_id") String client, @QueryParam("redirect_uri") String redirectUri,
            @QueryParam("state") String state, @QueryParam("code_challenge") String challenge,
            @QueryParam("code_challenge_method") String method, @QueryParam("sim_user") String simUser) {
        if (!clientId.equals(client) || redirectUri == null) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("Error 401: invalid_client").build();
        }
        if (challenge != null && !"S256".equals(method)) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("Error 400: invalid_request (code_challenge_method)").build();
        }
        Optional<SimUser> user = users.find(PROVIDER, simUser);
        if (user.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("sim_user names no simulated Google user").build();
        }
        stats.count(PROVIDER, "authorize", simUser);
        UriBuilder back = UriBuilder.fromUri(redirectUri).queryParam("code", tokens.issueCode(simUser, redirectUri, challenge));
        if (state != null) {
            back.queryParam("state", state);
        }
        return Response.status(302).location(back.build()).build();
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String client,
            @FormParam("client_secret") String secret, @FormParam("code") String code, @FormParam("redirect_uri") String redirectUri,
            @FormParam("code_verifier") String verifier, @FormParam("refresh_token") String refreshToken) {
        if (!clientId.equals(client) || !clientSecret.equals(secret)) {
            return answer(error(401, "invalid_client", "The OAuth client was not found.", null));
        }
        if ("authorization_code".equals(grantType)) {
            Optional<GoogleTokens.Code> grant = tokens.redeem(code);
            if (grant.isEmpty() || !grant.get().redirectUri().equals(redirectUri)) {
                return answer(error(400, "invalid_grant", "Malformed auth code.", null));
            }
            if (!GoogleTokens.pkceMatches(grant.get().challenge(), verifier)) {
                return answer(error(400, "invalid_grant", "Invalid code verifier.", null));
            }
            SimUser user = users.find(PROVIDER, grant.get().userId()).orElseThrow();
            stats.count(PROVIDER, "token.authorization_code", user.id());
            return answer(ok(tokenBody(user, tokens.issueRefresh(user.id()))));
        }
        if ("refresh_token".equals(grantType)) {
            Optional<String> owner = tokens.refreshOwner(refreshToken);
            if (owner.isEmpty()) {
                return answer(error(400, "invalid_grant", "Token has been expired or revoked.", null));
            }
            SimUser user = users.find(PROVIDER, owner.get()).orElseThrow();
            stats.count(PROVIDER, "token.refresh_token", user.id());
            SimUser.Failure failure = user.takeFailure();
            return switch (failure.mode()) {
                case NONE -> answer(ok(tokenBody(user, null)));
                case TIMEOUT -> latency.after(timeoutDelay, () -> error(503, "internal_failure", "Backend Error", null));
                default -> {
                    Response refused = refusal(failure.mode());
                    if (refused.getStatus() == 400) {
                        tokens.revoke(refreshToken); // a dead grant stays dead
                    }
                    yield answer(refused);
                }
            };
        }
        return answer(error(400, "unsupported_grant_type", "Invalid grant_type: " + grantType, null));
    }

    @GET
    @Path("/oauth2/v3/userinfo")
    public Uni<Response> userinfo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return asUser(authorization, "userinfo", user -> ok(Map.of("sub", user.id(), "name", user.name())));
    }

    @GET
    @Path("/ads/v17/customers:listAccessibleCustomers")
    public Uni<Response> customers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return asUser(authorization, "listAccessibleCustomers", user -> ok(Map.of("resourceNames",
                user.adAccounts().stream().map(a -> "customers/" + a.id()).toList())));
    }

    private Uni<Response> asUser(String authorization, String endpoint, java.util.function.Function<SimUser, Response> answer) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Optional<GoogleTokens.Access> access = tokens.access(token);
        if (access.isEmpty() || access.get().expiresAt().isBefore(java.time.Instant.now())) {
            return answer(error(401, "invalid_token", "Invalid Credentials", null));
        }
        SimUser user = users.find(PROVIDER, access.get().userId()).orElseThrow();
        stats.count(PROVIDER, endpoint, user.id());
        return answer(answer.apply(user));
    }

    /** Each injected failure as Google answers it (PROVIDERS.md). */
    private static Response refusal(FailureMode mode) {
        return switch (mode) {
            case CHECKPOINT -> error(400, "invalid_grant", "reauth related error (invalid_rapt)", "invalid_rapt");
            case UNCONFIRMED -> error(400, "admin_policy_enforced", "Access blocked by your administrator's policy.", null);
            case RATE_LIMITED -> Response.fromResponse(error(429, "rate_limit_exceeded", "Rate limit exceeded.", null))
                    .header("Retry-After", "30").build();
            case TRANSIENT -> error(503, "internal_failure", "Backend Error", null);
            default -> error(400, "invalid_grant", "Token has been expired or revoked.", null);
        };
    }

    private Map<String, Object> tokenBody(SimUser user, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issueAccess(user.id(), user.tokenLifetimeSeconds(ACCESS_LIFETIME)));
        body.put("expires_in", user.tokenLifetimeSeconds(ACCESS_LIFETIME));
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
        }
        body.put("scope", "https://www.googleapis.com/auth/adwords");
        body.put("token_type", "Bearer");
        return body;
    }

    private static Response error(int status, String error, String description, String subtype) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (subtype != null) {
            body.put("error_subtype", subtype);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Response ok(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }

    private Uni<Response> answer(Response response) {
        return latency.after(() -> response);
    }
}
