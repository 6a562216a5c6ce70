package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Taboola (client credentials, 12 h) and Outbrain (Basic login, 30 days, 2 logins per hour): connect, renew, fail (T4, T7). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class CredentialProvidersTest extends EmptyTokenTables {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void taboolaConnectsWithTheAccountsApiCredentialsAndRenewsItsTwelveHourTokenBeforeItEnds_T7() {
        User owner = TokenApi.owner();
        String client = OAuthApi.simUser("taboola", "Acme Taboola", "acme-network");
        String id = credentials(owner, "taboola", client, client + "-secret").then().statusCode(200)
                .body("outcome", equalTo("CONNECTED")).extract().path("platformUserId");

        Map<String, Object> user = OAuthApi.platformUser(owner, id);
        assertThat(user).containsEntry("externalUserId", client).containsEntry("displayName", "Acme Taboola account");
        assertThat((List<Map<String, Object>>) user.get("adAccounts")).extracting(a -> a.get("externalId")).containsExactly("acme-network");
        String stored = db.query("select refresh_token from oauth_token where platform_user_id = '" + id + "'").execute()
                .await().indefinitely().iterator().next().getString(0);
        assertThat(stored).doesNotContain(client + "-secret"); // the secret is kept, encrypted

        MutableClock.advance(Duration.ofHours(11).plusMinutes(30));
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1));
        assertThat(ProviderSimulator.calls("taboola", "token", client)).isEqualTo(2);
    }

    @Test
    void wrongOrRevokedTaboolaCredentialsAreRefusedAndExpireTheConnection_T4_T7() {
        User owner = TokenApi.owner();
        String client = OAuthApi.simUser("taboola", "Rotated", "rot-1");
        credentials(owner, "taboola", client, "not-the-secret").then().statusCode(400).body("error", equalTo("authorization_failed"));

        String id = credentials(owner, "taboola", client, client + "-secret").then().statusCode(200).extract().path("platformUserId");
        ProviderSimulator.fail("taboola", client, Map.of("mode", "INVALID_GRANT"));
        MutableClock.advance(Duration.ofHours(11).plusMinutes(30));
        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(1));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "INVALID_CREDENTIALS");
    }

    @Test
    void outbrainLogsInOnceAndRenewsThreeDaysBeforeThe30DayEndAndALoginLimitIsRetriedLater_T4_T7() {
        User owner = TokenApi.owner();
        String login = OAuthApi.simUser("outbrain", "Acme Outbrain", "mk-1");
        String id = credentials(owner, "outbrain", login, login + "-password").then().statusCode(200).extract().path("platformUserId");
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");

        MutableClock.advance(Duration.ofDays(20));
        TokenApi.sweep().then().statusCode(200).body("due", equalTo(0)); // cached: Outbrain allows 2 logins an hour
        MutableClock.advance(Duration.ofDays(8));
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1));
        assertThat(ProviderSimulator.calls("outbrain", "login", login)).isEqualTo(2);

        // a third login within the hour: Outbrain answers 429, which is retried later, never "expired"
        MutableClock.advance(Duration.ofDays(28));
        TokenApi.sweep().then().statusCode(200).body("deferred", equalTo(1)).body("expired", equalTo(0));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "RATE_LIMITED");
    }

    @Test
    void aConsentScreenProviderRefusesCredentialsAndACredentialsProviderHasNoConsentScreen() {
        User owner = TokenApi.owner();
        credentials(owner, "google-ads", "a", "b").then().statusCode(400).body("error", equalTo("wrong_flow"));
        given().header("Authorization", owner.bearer()).queryParam("mode", "connect").get("/api/v1/connect/taboola/authorize")
                .then().statusCode(400).body("error", equalTo("wrong_flow"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("login", "x"))
                .post("/api/v1/connect/taboola/credentials").then().statusCode(400).body("error", equalTo("validation_failed"));
    }

    private static Response credentials(User user, String platform, String login, String secret) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("login", login, "secret", secret)).post("/api/v1/connect/" + platform + "/credentials");
    }
}
