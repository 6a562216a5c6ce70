package ai.wevion.token.platform.rest;

import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.platform.service.PlatformUserService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    private final PlatformUserService service;
    private final ObjectMapper json;
    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeWebhookResource(PlatformUserService service, ObjectMapper json, TokenConfig config, Clock clock) {
        this.service = service;
        this.json = json;
        this.secret = config.stripe().webhookSecret().getBytes(StandardCharsets.UTF_8);
        this.tolerance = config.stripe().signatureTolerance();
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Acknowledged> event(@HeaderParam("Stripe-Signature") String signature, String body) {
        verify(signature, body);
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "The event is not JSON.");
        }
        if (!"account.application.deauthorized".equals(event.path("type").asText()) || event.path("account").asText().isEmpty()) {
            return Uni.createFrom().item(new Acknowledged(0)); // other events are not ours to act on
        }
        return service.appRemoved("stripe", event.path("account").asText()).map(Acknowledged::new);
    }

    private void verify(String header, String body) {
        String timestamp = null;
        String expected = null;
        if (header != null) {
            for (String part : header.split(",")) {
                if (part.startsWith("t=")) {
                    timestamp = part.substring(2);
                } else if (part.startsWith("v1=") && timestamp != null && body != null) {
                    expected = part.substring(3);
                }
            }
        }
        if (timestamp == null || expected == null || !fresh(timestamp)
                || !MessageDigest.isEqual(hmac(timestamp + "." + body).getBytes(StandardCharsets.US_ASCII),
                        expected.getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiException(400, "invalid_signature", "The Stripe-Signature header is missing, stale or wrong.");
        }
    }

    private boolean fresh(String timestamp) {
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
            return Math.abs(age) <= tolerance.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
