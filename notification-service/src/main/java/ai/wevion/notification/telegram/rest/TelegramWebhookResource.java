package ai.wevion.notification.telegram.rest;

import ai.wevion.notification.config.NotificationConfig;
import ai.wevion.notification.telegram.service.TelegramLinkService;
import ai.wevion.authclient.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Where Telegram posts bot updates (setWebhook with {@code secret_token}).
 * Only calls carrying that secret in {@code X-Telegram-Bot-Api-Secret-Token}
 * are read; anything else is refused with 401 and changes nothing.
 */
@Path("/telegram/webhook")
@PermitAll
public class TelegramWebhookResource {

    private final TelegramLinkService links;
    private final byte[] secret;

    public TelegramWebhookResource(TelegramLinkService links, NotificationConfig config) {
        this.links = links;
        this.secret = config.telegram().webhookSecret().getBytes(StandardCharsets.UTF_8);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(200)
    public Uni<Void> update(@HeaderParam("X-Telegram-Bot-Api-Secret-Token") String token, JsonObject update) {
        if (token == null || !MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", "The webhook secret is missing or wrong.");
        }
        if (update == null) {
            throw ApiException.badRequest("validation_failed", "An update body is required.");
        }
        return links.onUpdate(update);
    }
}
