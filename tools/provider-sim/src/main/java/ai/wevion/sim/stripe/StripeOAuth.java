package ai.wevion.sim.stripe;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.FailureMode;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import ai.wevion.sim.oauth.OAuthServer;
import ai.wevion.sim.oauth.OAuthTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stripe Connect's OAuth (docs/providers.md): access tokens ({@code sk_…}) that
 * never expire, the connected account's id ({@code stripe_user_id}) in the
 * token answer, a reused code refused with {@code invalid_grant}, and the
 * {@code account.application.deauthorized} webhook, signed like Stripe's
 * ({@code Stripe-Signature: t=…,v1=HMAC-SHA256("t.payload")}).
 */
@Singleton
public class StripeOAuth extends OAuthServer {

    private final SimUsers users;
    private final WebClient http;
    private final String webhookSecret;

    public StripeOAuth(SimUsers users, CallStats stats, SimLatency latency, Vertx vertx,
            @ConfigProperty(name = "sim.stripe.client-id") String clientId,
            @ConfigProperty(name = "sim.stripe.secret-key") String secretKey,
            @ConfigProperty(name = "sim.stripe.webhook-secret") String webhookSecret,
            @ConfigProperty(name = "sim.timeout-delay") Duration timeoutDelay) {
        super("stripe", clientId, secretKey, 0, false, new OAuthTokens("ac_", "sk_test_", "rt_"), users, stats, latency, timeoutDelay);
        this.users = users;
        this.http = WebClient.create(vertx);
        this.webhookSecret = webhookSecret;
    }

    @Override
    protected String displayName() {
        return "Stripe";
    }

    @Override
    protected Response refusal(FailureMode mode) {
        return switch (mode) {
            case RATE_LIMITED -> error(429, "rate_limit", "Too many requests", null);
            case TRANSIENT -> error(500, "api_error", "An unknown error occurred", null);
            default -> error(400, "invalid_grant", "This refresh token has been revoked.", null);
        };
    }

    @Override
    protected Map<String, Object> tokenExtras(SimUser user) {
        return Map.of("stripe_user_id", user.id(), "scope", "read_write", "livemode", false,
                "stripe_publishable_key", "pk_test_" + user.id());
    }

    /** The user disconnects the platform in their Stripe dashboard: tokens die, the platform's webhook is told. */
    public Uni<Integer> deauthorize(String userId, String webhookUrl) {
        users.find("stripe", userId).orElseThrow(() -> new NotFoundException("no such user"));
        revokeAll(userId);
        long t = Instant.now().getEpochSecond();
        String payload = "{\"id\":\"evt_" + t + userId + "\",\"object\":\"event\",\"type\":\"account.application.deauthorized\","
                + "\"account\":\"" + userId + "\",\"created\":" + t + ",\"data\":{\"object\":{\"id\":\"ca_local\",\"object\":\"application\"}}}";
        return http.postAbs(webhookUrl).putHeader("Content-Type", "application/json")
                .putHeader("Stripe-Signature", "t=" + t + ",v1=" + hmac(t + "." + payload))
                .sendBuffer(io.vertx.mutiny.core.buffer.Buffer.buffer(payload)).map(r -> r.statusCode());
    }

    private String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
