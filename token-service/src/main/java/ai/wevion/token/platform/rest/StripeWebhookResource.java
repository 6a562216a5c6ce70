package ai.wevion.token.platform.rest;

import ai.wevion.token.platform.service.ProviderWebhookService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;


/**
 * Stripe's webhook: {@code account.application.deauthorized} means the
 * connected account removed Wevion, so its token is dead now (APP_REMOVED).
 * Only calls whose {@code Stripe-Signature} (HMAC-SHA256 over
 * {@code "<t>.<raw body>"} with the webhook secret) matches and is recent are
 * read.
 */
@Path("/api/v1/connect/stripe/webhook")
@PermitAll
public class StripeWebhookResource {

    public record Acknowledged(int expired) {
    }

    private final ProviderWebhookService webhooks;

    public StripeWebhookResource(ProviderWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Acknowledged> event(@HeaderParam("Stripe-Signature") String signature, String body) {
        return webhooks.stripeEvent(signature, body).map(Acknowledged::new);
    }
}
