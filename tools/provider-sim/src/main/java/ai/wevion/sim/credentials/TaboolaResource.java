package ai.wevion.sim.credentials;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import ai.wevion.sim.oauth.OAuthTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Taboola Backstage under {@code /taboola} (docs/providers.md): the client
 * credentials grant (12-hour tokens, no refresh token; bad credentials → 400
 * XML {@code invalid_client}) and the allowed-accounts call. A simulated
 * user's client id is its id, its client secret {@code <id>-secret}.
 */
@Path("/taboola")
public class TaboolaResource {

    private static final String PROVIDER = "taboola";
    private static final long LIFETIME = 43200;

    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final OAuthTokens tokens = new OAuthTokens("tb-code-", "tb-at-", "tb-rt-");

    public TaboolaResource(SimUsers users, CallStats stats, SimLatency latency) {
        this.users = users;
        this.stats = stats;
        this.latency = latency;
    }

    public Set<String> issued() {
        return tokens.issued();
    }

    @POST
    @Path("/backstage/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> token(@FormParam("client_id") String clientId, @FormParam("client_secret") String secret,
            @FormParam("grant_type") String grantType) {
        Optional<SimUser> user = users.find(PROVIDER, clientId);
        if (user.isEmpty() || !(clientId + "-secret").equals(secret) || !"client_credentials".equals(grantType)) {
            return answer(badCredentials());
        }
        stats.count(PROVIDER, "token", clientId);
        return answer(switch (user.get().takeFailure().mode()) {
            case NONE -> Response.ok(Map.of("access_token", tokens.issueAccess(clientId, user.get().tokenLifetimeSeconds(LIFETIME)),
                    "token_type", "bearer", "expires_in", user.get().tokenLifetimeSeconds(LIFETIME)), MediaType.APPLICATION_JSON).build();
            case RATE_LIMITED -> Response.status(429).type(MediaType.APPLICATION_JSON).entity(Map.of("http_status", 429,
                    "message", "Too many requests")).build();
            case TRANSIENT, TIMEOUT -> Response.status(500).type(MediaType.APPLICATION_JSON).entity(Map.of("http_status", 500,
                    "message", "Internal error")).build();
            default -> badCredentials(); // the customer rotated or revoked the credentials
        });
    }

    @GET
    @Path("/backstage/api/1.0/users/current/allowed-accounts")
    public Uni<Response> allowedAccounts(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Optional<OAuthTokens.Access> access = tokens.access(token);
        if (access.isEmpty() || access.get().expiresAt().isBefore(Instant.now())) {
            return answer(Response.status(401).type(MediaType.APPLICATION_JSON).entity(Map.of("http_status", 401,
                    "message", "Token expired or invalid")).build());
        }
        SimUser user = users.find(PROVIDER, access.get().userId()).orElseThrow();
        stats.count(PROVIDER, "allowed_accounts", user.id());
        return answer(Response.ok(Map.of("results", user.adAccounts().stream()
                .map(a -> Map.of("id", a.id(), "account_id", a.id(), "name", a.name())).toList()), MediaType.APPLICATION_JSON).build());
    }

    private static Response badCredentials() {
        return Response.status(400).type(MediaType.APPLICATION_XML).entity("<BadClientCredentialsException><error>invalid_client</error>"
                + "<error_description>Bad client credentials</error_description></BadClientCredentialsException>").build();
    }

    private Uni<Response> answer(Response response) {
        return latency.after(() -> response);
    }
}
