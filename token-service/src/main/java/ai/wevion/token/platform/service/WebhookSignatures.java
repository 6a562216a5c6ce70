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

    /** Meta: {@code base64url(signature).base64url(payload)}, signed with the app secret; returns the payload's {@code user_id}. */
    public static String metaUserId(String signedRequest, Hmac appSecret) {
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
            return body.path("user_id").asText();
        } catch (IllegalArgumentException | IOException e) {
            throw invalidSignedRequest("signed_request is malformed.");
        }
    }

    /**
     * Stripe: {@code t=<unix time>,v1=<hex HMAC of "<t>.<raw body>">}; a
     * signature older than {@code tolerance} is refused (replay protection, as
     * Stripe's own libraries do).
     */
    public static void verifyStripe(String header, String body, Hmac webhookSecret, Instant now, Duration tolerance) {
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
        if (timestamp == null || expected == null || !fresh(timestamp, now, tolerance)
                || !Hmac.same(HexFormat.of().formatHex(webhookSecret.sign(timestamp + "." + body)).getBytes(StandardCharsets.US_ASCII),
                        expected.getBytes(StandardCharsets.US_ASCII))) {
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
