package ai.wevion.sim.oauth;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.FailureMode;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A standard OAuth 2.0 server as one provider runs it (RFC 6749 + PKCE): the
 * consent screen answered at once for {@code sim_user}, the token endpoint's
 * authorization_code and refresh_token grants (rotating the refresh token when
 * the provider does), bearer-token calls, and each user's injected failure on
 * the refresh grant mapped to the provider's real answer.
 */
public abstract class OAuthServer {

    private final String provider;
    private final String clientId;
    private volatile String clientSecret;
    private final long accessLifetime;
    private final boolean rotatesRefresh;
    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final Duration timeoutDelay;
    private final OAuthTokens tokens;

    protected OAuthServer(String provider, String clientId, String clientSecret, long accessLifetime, boolean rotatesRefresh,
            OAuthTokens tokens, SimUsers users, CallStats stats, SimLatency latency, Duration timeoutDelay) {
        this.provider = provider;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessLifetime = accessLifetime;
        this.rotatesRefresh = rotatesRefresh;
        this.tokens = tokens;
        this.users = users;
        this.stats = stats;
        this.latency = latency;
        this.timeoutDelay = timeoutDelay;
    }

    /** The provider's name on its consent page. */
    protected abstract String displayName();

    /** The provider's answer to a refresh grant for this failure (a 400 kills the grant for good). */
    protected abstract Response refusal(FailureMode mode);

    /** The provider's extra token fields ({@code scope}, …). */
    protected abstract Map<String, Object> tokenExtras(SimUser user);

    /** The app's secret is rotated in the provider's console: calls with the old one get invalid_client. */
    public void rotateClientSecret(String newSecret) {
        clientSecret = newSecret;
    }

    public Set<String> issued() {
        return tokens.issued();
    }

    /** The user disconnects the app on the provider's side: every token of theirs stops working. */
    public void revokeAll(String userId) {
        tokens.revokeAll(userId);
    }

    /** The consent screen: answered at once for {@code sim_user}, a page to click otherwise. */
    public Response authorize(AuthorizeQuery q, MultivaluedMap<String, String> query) {
        if (!clientId.equals(q.clientId) || q.redirectUri == null) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("invalid_client").build();
        }
        if (ConsentPage.CANCEL.equals(q.simAnswer)) {
            return ConsentPage.denied(q.redirectUri, q.state, Map.of("error", "access_denied"));
        }
        if (q.simUser == null) {
            return ConsentPage.render(displayName(), users.list(provider), query);
        }
        if (q.codeChallenge != null && !"S256".equals(q.codeChallengeMethod)) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("invalid_request (code_challenge_method)").build();
        }
        Optional<SimUser> user = users.find(provider, q.simUser);
        if (user.isEmpty()) {
            return Response.status(400).type(MediaType.TEXT_PLAIN).entity("sim_user names no simulated " + provider + " user").build();
        }
        stats.count(provider, "authorize", q.simUser);
        UriBuilder back = UriBuilder.fromUri(q.redirectUri).queryParam("code", tokens.issueCode(q.simUser, q.redirectUri, q.codeChallenge));
        if (q.state != null) {
            back.queryParam("state", q.state);
        }
        return Response.status(302).location(back.build()).build();
    }

    public Uni<Response> token(TokenForm f) {
        if (!clientId.equals(f.clientId) || !clientSecret.equals(f.clientSecret)) {
            return answer(error(401, "invalid_client", "The OAuth client was not found.", null));
        }
        if ("authorization_code".equals(f.grantType)) {
            Optional<OAuthTokens.Code> grant = tokens.redeem(f.code);
            if (grant.isEmpty() || !grant.get().redirectUri().equals(f.redirectUri)) {
                return answer(error(400, "invalid_grant", "Invalid authorization code.", null));
            }
            if (!OAuthTokens.pkceMatches(grant.get().challenge(), f.codeVerifier)) {
                return answer(error(400, "invalid_grant", "Invalid code verifier.", null));
            }
            SimUser user = users.find(provider, grant.get().userId()).orElseThrow();
            stats.count(provider, "token.authorization_code", user.id());
            return answer(ok(tokenBody(user, tokens.issueRefresh(user.id()))));
        }
        if ("refresh_token".equals(f.grantType)) {
            Optional<String> owner = tokens.refreshOwner(f.refreshToken);
            if (owner.isEmpty()) {
                return answer(error(400, "invalid_grant", "Token has been expired or revoked.", null));
            }
            SimUser user = users.find(provider, owner.get()).orElseThrow();
            stats.count(provider, "token.refresh_token", user.id());
            SimUser.Failure failure = user.takeFailure();
            if (failure.mode() == FailureMode.NONE) {
                String next = null;
                if (rotatesRefresh) {
                    tokens.revoke(f.refreshToken);
                    next = tokens.issueRefresh(user.id());
                }
                return answer(ok(tokenBody(user, next)));
            }
            if (failure.mode() == FailureMode.TIMEOUT) {
                return latency.after(timeoutDelay, () -> error(503, "temporarily_unavailable", "Backend Error", null));
            }
            Response refused = refusal(failure.mode());
            if (refused.getStatus() == 400) {
                tokens.revoke(f.refreshToken); // a dead grant stays dead
            }
            return answer(refused);
        }
        return answer(error(400, "unsupported_grant_type", "Invalid grant_type: " + f.grantType, null));
    }

    /** A call made with an access token: 401 for an unknown or expired one. */
    public Uni<Response> asUser(String authorization, String endpoint, Function<SimUser, Object> body) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Optional<OAuthTokens.Access> access = tokens.access(token);
        if (access.isEmpty() || access.get().expiresAt().isBefore(Instant.now())) {
            return answer(error(401, "invalid_token", "Invalid Credentials", null));
        }
        SimUser user = users.find(provider, access.get().userId()).orElseThrow();
        stats.count(provider, endpoint, user.id());
        return answer(ok(body.apply(user)));
    }

    private Map<String, Object> tokenBody(SimUser user, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        long lifetime = accessLifetime == 0 ? 0 : user.tokenLifetimeSeconds(accessLifetime);
        body.put("access_token", tokens.issueAccess(user.id(), lifetime));
        body.put("token_type", "bearer");
        if (lifetime > 0) { // 0: the provider's access tokens do not expire (Stripe)
            body.put("expires_in", lifetime);
        }
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken);
            long grantLifetime = user.dataAccessSeconds(0);
            if (grantLifetime > 0) { // a grant with its own end (Google: testing apps, time-based access)
                body.put("refresh_token_expires_in", grantLifetime);
            }
        }
        body.putAll(tokenExtras(user));
        return body;
    }

    public static Response error(int status, String error, String description, String subtype) {
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
