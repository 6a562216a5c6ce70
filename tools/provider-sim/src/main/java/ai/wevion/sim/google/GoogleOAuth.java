package ai.wevion.sim.google;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.FailureMode;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import ai.wevion.sim.oauth.OAuthServer;
import ai.wevion.sim.oauth.OAuthTokens;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Google's OAuth 2.0 server: 3599-second access tokens, refresh tokens that do not rotate (docs/providers.md). */
@Singleton
public class GoogleOAuth extends OAuthServer {

    public GoogleOAuth(SimUsers users, CallStats stats, SimLatency latency,
            @ConfigProperty(name = "sim.google.client-id") String clientId,
            @ConfigProperty(name = "sim.google.client-secret") String clientSecret,
            @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        super("google", clientId, clientSecret, 3599, false, new OAuthTokens("4/0A", "ya29.a0", "1//0g"), users, stats, latency,
                timeoutDelay);
    }

    @Override
    protected String displayName() {
        return "Google";
    }

    @Override
    protected Response refusal(FailureMode mode) {
        return switch (mode) {
            case CHECKPOINT -> error(400, "invalid_grant", "reauth related error (invalid_rapt)", "invalid_rapt");
            case UNCONFIRMED -> error(400, "admin_policy_enforced", "Access blocked by your administrator's policy.", null);
            case RATE_LIMITED -> Response.fromResponse(error(429, "rate_limit_exceeded", "Rate limit exceeded.", null))
                    .header("Retry-After", "30").build();
            case TRANSIENT -> error(503, "internal_failure", "Backend Error", null);
            default -> error(400, "invalid_grant", "Token has been expired or revoked.", null);
        };
    }

    @Override
    protected Map<String, Object> tokenExtras(SimUser user) {
        return Map.of("scope", "https://www.googleapis.com/auth/adwords");
    }
}
