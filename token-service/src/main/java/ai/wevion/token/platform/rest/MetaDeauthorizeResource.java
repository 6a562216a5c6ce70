package ai.wevion.token.platform.rest;

import ai.wevion.token.platform.service.ProviderWebhookService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;


/** Meta's deauthorize callback: the user removed the app, so their tokens are dead now (APP_REMOVED). */
@Path("/api/v1/connect/meta/deauthorize")
@PermitAll
public class MetaDeauthorizeResource {

    public record Acknowledged(int expired) {
    }

    private final ProviderWebhookService webhooks;

    public MetaDeauthorizeResource(ProviderWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Acknowledged> deauthorize(@RestForm("signed_request") String signedRequest) {
        return webhooks.metaDeauthorized(signedRequest).map(Acknowledged::new);
    }
}
