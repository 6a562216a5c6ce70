package ai.wevion.token.platform.service;

import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.crypto.Hmac;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Who really sent a provider's webhook (T4: app removed): Meta's
 * {@code signed_request} and Stripe's {@code Stripe-Signature}, both
 * HMAC-SHA256 with a secret only the provider and we know. Pure: no I/O.
 */
public final class WebhookSignatures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookSignatures() {
    }

    /**
     * Meta: {@code base64url(signature).base64url(payload)}, signed with the
     * app secret; returns the payload's {@code user_id}. A request issued more
     * than {@code maxAge} ago (or that far ahead) is refused: a captured one
     * cannot be replayed later against a user who connected again.
     */
    public static String metaUserId(String signedRequest, Hmac appSecret, Instant now, Duration maxAge) {
        int dot = signedRequest == null ? -1 : signedRequest.indexOf('.');
        if (dot < 1) {
            throw invalidSignedRequest("signed_request is missing or malformed.");
        }
        try {
            String payload = signedRequest.substring(dot + 1);
            byte[] signature = Base64.getUrlDecoder().decode(signedRequest.substring(0, dot));
            if (!Hmac.same(signature, appSecret.sign(payload.getBytes(StandardCharsets.US_ASCII)))) {
                throw invalidSignedRequest("signed_request is not signed by Meta.");
            }
            JsonNode body = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            if (!"HMAC-SHA256".equalsIgnoreCase(body.path("algorithm").asText()) || body.path("user_id").asText().isEmpty()) {
                throw invalidSignedRequest("signed_request has no user_id.");
            }
            if (!body.path("issued_at").canConvertToLong()
                    || Math.abs(now.getEpochSecond() - body.path("issued_at").asLong()) > maxAge.toSeconds()) {
                throw invalidSignedRequest("signed_request is too old.");
            }
            return body.path("user_id").asText();
        } catch (IllegalArgumentException | IOException e) {
            throw invalidSignedRequest("signed_request is malformed.");
        }
    }

    /**
     * Stripe: {@code t=<unix time>,v1=<hex HMAC of "<t>.<raw body>">[,v1=…]};
     * any one {@code v1} may match (while Stripe rotates the endpoint's secret
     * it signs with both); a signature older than {@code tolerance} is refused
     * (replay protection, as Stripe's own libraries do).
     */
    public static void verifyStripe(String header, String body, Hmac webhookSecret, Instant now, Duration tolerance) {
        String timestamp = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        if (header != null) {
            for (String part : header.split(",")) {
                if (part.startsWith("t=")) {
                    timestamp = part.substring(2);
                } else if (part.startsWith("v1=")) {
                    signatures.add(part.substring(3));
                }
            }
        }
        boolean valid = false;
        if (timestamp != null && body != null && fresh(timestamp, now, tolerance)) {
            byte[] computed = HexFormat.of().formatHex(webhookSecret.sign(timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII);
            for (String signature : signatures) {
                valid |= Hmac.same(computed, signature.getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!valid) {
            throw new ApiException(400, "invalid_signature", "The Stripe-Signature header is missing, stale or wrong.");
        }
    }

    private static boolean fresh(String timestamp, Instant now, Duration tolerance) {
        try {
            return Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) <= tolerance.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ApiException invalidSignedRequest(String message) {
        return ApiException.badRequest("invalid_signed_request", message);
    }
}
