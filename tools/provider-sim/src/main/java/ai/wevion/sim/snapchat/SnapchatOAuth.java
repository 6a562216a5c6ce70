package ai.wevion.sim.snapchat;

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

/**
 * Snapchat's OAuth 2.0 server: 1800-second access tokens, refresh tokens
 * that rotate on every use (docs/providers.md marks rotation unconfirmed:
 * {@code sim.snapchat.rotate-refresh-token}), 429 and 5xx on the token endpoint.
 */
@Singleton
public class SnapchatOAuth extends OAuthServer {

    public SnapchatOAuth(SimUsers users, CallStats stats, SimLatency latency,
            @ConfigProperty(name = "sim.snapchat.client-id") String clientId,
            @ConfigProperty(name = "sim.snapchat.client-secret") String clientSecret,
            @ConfigProperty(name = "sim.snapchat.rotate-refresh-token") boolean rotate,
            @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        super("snapchat", clientId, clientSecret, 1800, rotate, new OAuthTokens("sc-code-", "sc-at-", "sc-rt-"), users, stats, latency,
                timeoutDelay);
    }

    @Override
    protected String displayName() {
        return "Snapchat";
    }

    @Override
    protected Response refusal(FailureMode mode) {
        return switch (mode) {
            case RATE_LIMITED -> error(429, "rate_limited", "Too many requests", null);
            case TRANSIENT -> error(500, "server_error", "Internal server error", null);
            default -> error(400, "invalid_grant", "Invalid refresh token", null);
        };
    }

    @Override
    protected Map<String, Object> tokenExtras(SimUser user) {
        return Map.of("scope", "snapchat-marketing-api");
    }
}
