package ai.wevion.token.platform.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.crypto.Hmac;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Only the provider can tell us an account removed the app (T4). */
class WebhookSignaturesTest {

    private static final Hmac META = new Hmac("meta-app-secret");
    private static final Hmac STRIPE = new Hmac("whsec_test");
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void metasSignedRequestGivesItsUserId_T4() {
        assertThat(WebhookSignatures.metaUserId(signed(META, "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1234\"}"), META))
                .isEqualTo("1234");
    }

    @Test
    void aSignedRequestSignedWithAnotherSecretOrMalformedIsRefused_T4() {
        String forged = signed(new Hmac("not-the-secret"), "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1234\"}");
        for (String bad : new String[] {forged, "no-dot", ".payload", "!!.!!", null,
                signed(META, "{\"algorithm\":\"HMAC-SHA256\"}"), signed(META, "not json")}) {
            assertThatThrownBy(() -> WebhookSignatures.metaUserId(bad, META)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.error()).isEqualTo("invalid_signed_request"));
        }
    }

    @Test
    void aFreshStripeSignatureIsAccepted_T4() {
        String body = "{\"type\":\"account.application.deauthorized\",\"account\":\"acct_1\"}";
        long t = NOW.getEpochSecond() - 60;

        WebhookSignatures.verifyStripe("t=" + t + ",v1=" + stripe(t, body), body, STRIPE, NOW, Duration.ofMinutes(5));
    }

    @Test
    void aStaleWrongOrMissingStripeSignatureIsRefused_T4() {
        String body = "{}";
        long stale = NOW.getEpochSecond() - 600;
        long fresh = NOW.getEpochSecond();
        for (String header : new String[] {"t=" + stale + ",v1=" + stripe(stale, body), "t=" + fresh + ",v1=" + stripe(fresh, "{ }"),
                "v1=" + stripe(fresh, body), "t=" + fresh, "t=soon,v1=ab", null}) {
            assertThatThrownBy(() -> WebhookSignatures.verifyStripe(header, body, STRIPE, NOW, Duration.ofMinutes(5))).as(header)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_signature"));
        }
    }

    private static String signed(Hmac key, String payload) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.sign(encoded.getBytes(StandardCharsets.US_ASCII))) + "."
                + encoded;
    }

    private static String stripe(long t, String body) {
        return HexFormat.of().formatHex(STRIPE.sign(t + "." + body));
    }
}
