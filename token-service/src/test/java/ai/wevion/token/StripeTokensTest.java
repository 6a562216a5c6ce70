package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stripe Connect: an admin-only integration whose token never expires and dies by the deauthorization webhook (T4, T8). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class StripeTokensTest extends EmptyTokenTables {

    private static final String WEBHOOK = "http://127.0.0.1:18082/api/v1/connect/stripe/webhook";

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void onlyAnAdminOrOwnerConnectsStripeAndItsTokenIsNeverRefreshedOnlyCheckedAlive_T8() {
        User owner = TokenApi.owner();
        given().header("Authorization", TokenApi.member(owner).bearer()).queryParam("mode", "connect")
                .get("/api/v1/connect/stripe/authorize").then().statusCode(403).body("error", equalTo("forbidden"));

        String account = stripeAccount("Acme Payments");
        String id = OAuthApi.connect(owner, "stripe", account);
        Map<String, Object> user = OAuthApi.platformUser(owner, id);
        assertThat(user).containsEntry("platform", "stripe").containsEntry("externalUserId", account)
                .containsEntry("displayName", "Acme Payments").containsEntry("expiresAt", null);

        String token = TokenApi.credential(id).then().statusCode(200).extract().path("accessToken");
        MutableClock.advance(Duration.ofDays(400));
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1)).body("expired", equalTo(0));
        assertThat(TokenApi.credential(id).then().statusCode(200).extract().<String>path("accessToken")).isEqualTo(token);
        assertThat(token).startsWith("sk_test_").isIn(ProviderSimulator.issuedTokens("stripe"));
        assertThat(ProviderSimulator.calls("stripe", "token.refresh_token", account)).isZero();
        assertThat(ProviderSimulator.calls("stripe", "account", account)).isEqualTo(2); // at connect, and the sweep's liveness check
    }

    @Test
    void aTokenRevokedWithoutAWebhookIsFoundDeadByTheSweep_T4_T8() {
        User owner = TokenApi.owner();
        String account = stripeAccount("Silent Leaver");
        String id = OAuthApi.connect(owner, "stripe", account);
        // the webhook never reaches us (nothing listens there)
        ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("callbackUrl", "http://127.0.0.1:9/lost"))
                .post("/sim/stripe/users/" + account + "/deauthorize");

        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(1));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "REVOKED");
    }

    @Test
    void theDeauthorizationWebhookExpiresTheConnectedAccountAtOnce_T4_T8() {
        User owner = TokenApi.owner();
        String account = stripeAccount("Leaving Co");
        String id = OAuthApi.connect(owner, "stripe", account);

        try (TopicProbe events = new TopicProbe("token-status")) {
            ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("callbackUrl", WEBHOOK))
                    .post("/sim/stripe/users/" + account + "/deauthorize").then().statusCode(200).body("status", equalTo(200));

            assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "APP_REMOVED");
            TokenApi.credential(id).then().statusCode(409).body("error", equalTo("token_expired"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().map(JsonPath::from)
                    .anyMatch(e -> id.equals(e.getString("platformUserId")) && "TOKEN_EXPIRED".equals(e.getString("type"))));
        }
    }

    @Test
    void aReplayedDeauthorizationEventChangesNothingAfterTheAccountConnectedAgain_T4_T8() {
        User owner = TokenApi.owner();
        String account = stripeAccount("Comes Back");
        String id = OAuthApi.connect(owner, "stripe", account);
        String body = "{\"id\":\"evt_" + java.util.UUID.randomUUID() + "\",\"type\":\"account.application.deauthorized\",\"account\":\""
                + account + "\"}";
        long t = java.time.Instant.now().getEpochSecond();
        String signature = "t=" + t + ",v1=" + java.util.HexFormat.of().formatHex(new ai.wevion.token.crypto.Hmac("whsec_local")
                .sign(t + "." + body));

        given().contentType(ContentType.JSON).header("Stripe-Signature", signature).body(body).post("/api/v1/connect/stripe/webhook")
                .then().statusCode(200).body("expired", equalTo(1));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "EXPIRED");
        assertThat(OAuthApi.connect(owner, "stripe", account)).isEqualTo(id); // reconnected in place

        given().contentType(ContentType.JSON).header("Stripe-Signature", signature).body(body).post("/api/v1/connect/stripe/webhook")
                .then().statusCode(200).body("expired", equalTo(0));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");
    }

    @Test
    void aWebhookWithAForgedOrStaleSignatureIsRefusedAndChangesNothing_T8() {
        User owner = TokenApi.owner();
        String account = stripeAccount("Still Here");
        String id = OAuthApi.connect(owner, "stripe", account);
        String body = "{\"type\":\"account.application.deauthorized\",\"account\":\"" + account + "\"}";
        long now = java.time.Instant.now().getEpochSecond();

        for (String signature : new String[] {null, "t=" + now + ",v1=" + "0".repeat(64), "t=" + (now - 3600) + ",v1=abc"}) {
            var request = given().contentType(ContentType.JSON).body(body);
            if (signature != null) {
                request.header("Stripe-Signature", signature);
            }
            request.post("/api/v1/connect/stripe/webhook").then().statusCode(400).body("error", equalTo("invalid_signature"));
        }
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");
    }

    @Test
    void aReusedAuthorizationCodeIsRefused_T1() {
        User owner = TokenApi.owner();
        String account = stripeAccount("Twice");
        String first = OAuthApi.authorize(owner, "stripe").path("authorizeUrl");
        String code = OAuthApi.consent(first, account);
        given().filter(Browser.COOKIES).accept("application/json").queryParam("code", code).queryParam("state", OAuthApi.state(first))
                .get("/api/v1/connect/stripe/callback").then().statusCode(200);

        String second = OAuthApi.authorize(owner, "stripe").path("authorizeUrl");
        given().filter(Browser.COOKIES).accept("application/json").queryParam("code", code).queryParam("state", OAuthApi.state(second))
                .get("/api/v1/connect/stripe/callback").then().statusCode(400).body("error", equalTo("authorization_failed"));
    }

    private static String stripeAccount(String name) {
        return ProviderSimulator.newUser("stripe", Map.of("name", name));
    }
}
