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

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void metasSignedRequestGivesItsUserId_T4() {
        assertThat(WebhookSignatures.metaUserId(signed(META, meta("1234", NOW.minusSeconds(30))), META, NOW, DAY)).isEqualTo("1234");
    }

    @Test
    void aSignedRequestIssuedLongAgoOrWithoutATimeIsAReplayAndRefused_T4() {
        for (String payload : new String[] {meta("1234", NOW.minus(Duration.ofDays(365))), meta("1234", NOW.plus(Duration.ofDays(2))),
                "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"1234\"}"}) {
            assertThatThrownBy(() -> WebhookSignatures.metaUserId(signed(META, payload), META, NOW, DAY)).as(payload)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo("invalid_signed_request"));
        }
    }

    @Test
    void aSignedRequestSignedWithAnotherSecretOrMalformedIsRefused_T4() {
        String forged = signed(new Hmac("not-the-secret"), meta("1234", NOW));
        for (String bad : new String[] {forged, "no-dot", ".payload", "!!.!!", null,
                signed(META, "{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + NOW.getEpochSecond() + "}"), signed(META, "not json")}) {
            assertThatThrownBy(() -> WebhookSignatures.metaUserId(bad, META, NOW, DAY)).as(bad).isInstanceOfSatisfying(ApiException.class,
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
    void duringASecretRotationEitherV1SignatureIsAccepted_T4() {
        String body = "{}";
        long t = NOW.getEpochSecond();
        String old = HexFormat.of().formatHex(new Hmac("whsec_old").sign(t + "." + body));

        WebhookSignatures.verifyStripe("t=" + t + ",v1=" + old + ",v1=" + stripe(t, body), body, STRIPE, NOW, Duration.ofMinutes(5));
        WebhookSignatures.verifyStripe("t=" + t + ",v1=" + stripe(t, body) + ",v1=" + old, body, STRIPE, NOW, Duration.ofMinutes(5));
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

    private static String meta(String userId, Instant issuedAt) {
        return "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + userId + "\",\"issued_at\":" + issuedAt.getEpochSecond() + "}";
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
