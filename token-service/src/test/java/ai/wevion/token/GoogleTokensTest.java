package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.EventContract;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Google Ads and Google Drive through the provider catalog: OAuth 2.0 with PKCE and the refresh_token grant (T4, T7, T8). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class GoogleTokensTest extends EmptyTokenTables {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void connectingGoogleAdsStoresBothTokensEncryptedAndAnnouncesItsAdAccounts_T1_T7() {
        User owner = TokenApi.owner();
        String simUser = googleUser("Ana Google");
        try (TopicProbe events = new TopicProbe("token-status")) {
            String authorizeUrl = OAuthApi.authorize(owner, "google-ads").path("authorizeUrl");
            assertThat(authorizeUrl).contains("code_challenge=").contains("code_challenge_method=S256").contains("access_type=offline");

            Map<String, Object> connected = OAuthApi.callback("google-ads", authorizeUrl, simUser);
            assertThat(connected).containsEntry("outcome", "CONNECTED").containsEntry("externalUserId", simUser);
            String id = (String) connected.get("platformUserId");

            Row row = db.query("select access_token, refresh_token, token_status from oauth_token where platform_user_id = '" + id + "'")
                    .execute().await().indefinitely().iterator().next();
            assertThat(row.getString("token_status")).isEqualTo("ACTIVE");
            List<String> issued = ProviderSimulator.issuedTokens("google");
            assertThat(issued).hasSize(2);
            assertThat(issued).noneMatch(t -> row.getString("access_token").contains(t) || row.getString("refresh_token").contains(t));

            JsonPath event = await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().map(JsonPath::from)
                    .filter(e -> id.equals(e.getString("platformUserId"))).toList(), l -> !l.isEmpty()).get(0);
            assertThat(event.getString("type")).isEqualTo("TOKEN_CONNECTED");
            assertThat(event.getString("platform")).isEqualTo("google-ads");
            assertThat(event.getList("adAccounts.externalId", String.class)).containsExactly("1234567890");
            EventContract.assertConforms("token-status", event.prettify());
        }
    }

    @Test
    void aCodeRedeemedWithoutThisServicesPkceVerifierIsRefused_T1() {
        User owner = TokenApi.owner();
        String simUser = googleUser("Mallory");
        String authorizeUrl = OAuthApi.authorize(owner, "google-ads").path("authorizeUrl");
        String forged = authorizeUrl.replaceAll("code_challenge=[^&]+", "code_challenge=" + "A".repeat(43));

        Response refused = given().filter(Browser.COOKIES).accept("application/json").queryParam("code", OAuthApi.consent(forged, simUser))
                .queryParam("state", OAuthApi.state(authorizeUrl)).get("/api/v1/connect/google-ads/callback");

        refused.then().statusCode(400).body("error", equalTo("authorization_failed"));
    }

    @Test
    void anAccessTokenIsRenewedWithTheRefreshTokenBeforeItExpiresAndOnDemand_T7() {
        User owner = TokenApi.owner();
        String simUser = googleUser("Bo Google");
        String id = OAuthApi.connect(owner, "google-ads", simUser);
        String first = TokenApi.credential(id).then().statusCode(200).extract().path("accessToken");

        MutableClock.advance(Duration.ofMinutes(52)); // inside the 10-minute buffer of a 3599-second token
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1));
        assertThat(ProviderSimulator.calls("google", "token.refresh_token", simUser)).isEqualTo(1);
        String second = TokenApi.credential(id).then().statusCode(200).extract().path("accessToken");
        assertThat(second).isNotEqualTo(first);

        // long after the access token's end (no sweep ran): the credential call renews it first
        MutableClock.advance(Duration.ofHours(3));
        String third = TokenApi.credential(id).then().statusCode(200).extract().path("accessToken");
        assertThat(third).isNotEqualTo(second);
        assertThat(ProviderSimulator.calls("google", "token.refresh_token", simUser)).isEqualTo(2);
    }

    @Test
    void eachDeadGrantExpiresTheTokenWithItsReason_T4_T7() {
        User owner = TokenApi.owner();
        Map<String, String> reasonByMode = Map.of("INVALID_GRANT", "INVALID_GRANT", "PASSWORD_CHANGED", "INVALID_GRANT",
                "CHECKPOINT", "INVALID_RAPT", "UNCONFIRMED", "ADMIN_POLICY_ENFORCED");
        Map<String, String> ids = new java.util.HashMap<>();
        reasonByMode.keySet().forEach(mode -> {
            String simUser = googleUser("Dead " + mode);
            ids.put(mode, OAuthApi.connect(owner, "google-ads", simUser));
            ProviderSimulator.fail("google", simUser, Map.of("mode", mode));
        });

        MutableClock.advance(Duration.ofMinutes(55));
        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(4));

        reasonByMode.forEach((mode, reason) -> {
            Map<String, Object> user = OAuthApi.platformUser(owner, ids.get(mode));
            assertThat(user).as(mode).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", reason);
            TokenApi.credential(ids.get(mode)).then().statusCode(409).body("error", equalTo("token_expired"));
        });
    }

    @Test
    void rateLimitsAndGoogleOutagesAreRetriedNotExpired_T4_T7() {
        User owner = TokenApi.owner();
        String limited = googleUser("Limited");
        String outage = googleUser("Outage");
        String limitedId = OAuthApi.connect(owner, "google-ads", limited);
        String outageId = OAuthApi.connect(owner, "google-ads", outage);
        ProviderSimulator.fail("google", limited, Map.of("mode", "RATE_LIMITED", "count", 1));
        ProviderSimulator.fail("google", outage, Map.of("mode", "TRANSIENT", "count", 1));

        MutableClock.advance(Duration.ofMinutes(55));
        TokenApi.sweep().then().statusCode(200).body("deferred", equalTo(2)).body("expired", equalTo(0));
        assertThat(OAuthApi.platformUser(owner, limitedId)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "RATE_LIMITED");
        assertThat(OAuthApi.platformUser(owner, outageId)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "TRANSIENT");

        MutableClock.advance(Duration.ofMinutes(2)); // past Google's Retry-After (30 s) and the first backoff (1 min)
        given().header("Authorization", "Bearer " + TestJwts.service("scheduler")).post("/internal/v1/refresh-sweep")
                .then().statusCode(200);
        assertThat(ProviderSimulator.calls("google", "token.refresh_token", limited)).isEqualTo(2);
        assertThat(OAuthApi.platformUser(owner, limitedId)).containsEntry("lastRefreshError", null);
    }

    @Test
    void aGrantWithItsOwnEndRaisesTokenExpiringOnceInsideTheReauthorizationWindow_N2_T7() {
        User owner = TokenApi.owner();
        // Google answers refresh_token_expires_in for a grant that ends (testing apps, time-based access): 20 days here
        String simUser = ProviderSimulator.newUser("google", Map.of("name", "Time-boxed", "dataAccessSeconds", 20 * 86400,
                "adAccounts", List.of(Map.of("id", "42", "name", "Boxed"))));
        String id = OAuthApi.connect(owner, "google-ads", simUser);
        try (TopicProbe events = new TopicProbe("token-status")) {
            MutableClock.advance(Duration.ofMinutes(55));
            TokenApi.sweep().then().body("refreshed", equalTo(1)); // 19 days left: outside the 14-day window
            MutableClock.advance(Duration.ofDays(6));
            TokenApi.sweep().then().body("refreshed", equalTo(1)); // 13 days left: warned
            MutableClock.advance(Duration.ofHours(1));
            TokenApi.sweep().then().body("refreshed", equalTo(1)); // still warned only once

            List<JsonPath> expiring = await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().map(JsonPath::from)
                    .filter(e -> id.equals(e.getString("platformUserId")) && "TOKEN_EXPIRING".equals(e.getString("type"))).toList(),
                    l -> !l.isEmpty());
            assertThat(expiring).hasSize(1);
            assertThat(expiring.get(0).getString("reason")).isEqualTo("REAUTHORIZATION_DUE");
            assertThat(Duration.between(new MutableClock().instant(), java.time.Instant.parse(expiring.get(0).getString("expiresAt"))))
                    .isBetween(Duration.ofDays(12), Duration.ofDays(14));
        }
    }

    @Test
    void oneReauthorizationReactivatesEveryAdAccountTheGrantCovers_T5_T7() {
        User owner = TokenApi.owner();
        String simUser = ProviderSimulator.newUser("google", Map.of("name", "Agency", "adAccounts",
                List.of(Map.of("id", "111", "name", "Client A"), Map.of("id", "222", "name", "Client B"))));
        String id = OAuthApi.connect(owner, "google-ads", simUser);
        ProviderSimulator.fail("google", simUser, Map.of("mode", "INVALID_GRANT"));
        MutableClock.advance(Duration.ofMinutes(55));
        TokenApi.sweep().then().body("expired", equalTo(1));

        try (TopicProbe events = new TopicProbe("token-status")) {
            String url = OAuthApi.authorize(owner, "google-ads", "reconnect", id).path("authorizeUrl");
            assertThat(OAuthApi.callback("google-ads", url, simUser)).containsEntry("outcome", "RECONNECTED")
                    .containsEntry("platformUserId", id);

            assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");
            JsonPath reconnected = await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().map(JsonPath::from)
                    .filter(e -> "TOKEN_RECONNECTED".equals(e.getString("type")) && id.equals(e.getString("platformUserId"))).toList(),
                    l -> !l.isEmpty()).get(0);
            assertThat(reconnected.getList("adAccounts.externalId", String.class)).containsExactlyInAnyOrder("111", "222");
        }
    }

    @Test
    void onlyAnAdminOrOwnerConnectsGoogleDrive_T8() {
        User owner = TokenApi.owner();
        User member = TokenApi.member(owner);
        given().header("Authorization", member.bearer()).queryParam("mode", "connect").get("/api/v1/connect/google-drive/authorize")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("Authorization", member.bearer()).queryParam("mode", "connect").get("/api/v1/connect/google-ads/authorize")
                .then().statusCode(200);

        String simUser = googleUser("Drive Owner");
        Map<String, Object> connected = OAuthApi.callback("google-drive", OAuthApi.authorize(owner, "google-drive").path("authorizeUrl"), simUser);
        assertThat(connected).containsEntry("outcome", "CONNECTED");
        MutableClock.advance(Duration.ofMinutes(55));
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1)); // renewed like any Google grant
    }

    private static String googleUser(String name) {
        return OAuthApi.simUser("google", name, "1234567890");
    }
}
