package ai.wevion.token.platform.service;

import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.Hmac;
import ai.wevion.token.provider.meta.MetaGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/** Providers telling us an account removed the app (T4: APP_REMOVED): only signed calls are read. */
@ApplicationScoped
public class ProviderWebhookService {

    private static final String STRIPE = "stripe";
    private static final String STRIPE_DEAUTHORIZED = "account.application.deauthorized";

    private final PlatformUserService users;
    private final ObjectMapper json;
    private final Hmac metaAppSecret;
    private final Hmac stripeSecret;
    private final Duration metaMaxAge;
    private final Duration stripeTolerance;
    private final Clock clock;

    public ProviderWebhookService(PlatformUserService users, ObjectMapper json, TokenConfig config, Clock clock) {
        this.users = users;
        this.json = json;
        this.metaAppSecret = new Hmac(config.meta().appSecret());
        this.stripeSecret = new Hmac(config.stripe().webhookSecret());
        this.metaMaxAge = config.meta().signedRequestMaxAge();
        this.stripeTolerance = config.stripe().signatureTolerance();
        this.clock = clock;
    }

    /** Meta's deauthorize callback: how many records expired. */
    public Uni<Integer> metaDeauthorized(String signedRequest) {
        return users.appRemoved(MetaGateway.PLATFORM, WebhookSignatures.metaUserId(signedRequest, metaAppSecret, clock.instant(), metaMaxAge));
    }

    /** Stripe's webhook: {@code account.application.deauthorized} expires the account; other events are not ours to act on. */
    public Uni<Integer> stripeEvent(String signature, String body) {
        WebhookSignatures.verifyStripe(signature, body, stripeSecret, clock.instant(), stripeTolerance);
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "The event is not JSON.");
        }
        if (!STRIPE_DEAUTHORIZED.equals(event.path("type").asText()) || event.path("account").asText().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String id = event.path("id").asText();
        return id.isEmpty() ? users.appRemoved(STRIPE, event.path("account").asText())
                : users.appRemoved(STRIPE, event.path("account").asText(), id);
    }
}
