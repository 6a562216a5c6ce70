package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snapchat through the provider catalog: 30-minute tokens, rotating refresh tokens, 429 and 5xx (T4, T7). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class SnapchatTokensTest extends EmptyTokenTables {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectingSnapchatListsTheAdAccountsOfItsOrganizations_T1_T7() {
        User owner = TokenApi.owner();
        String simUser = OAuthApi.simUser("snapchat", "Ana Snap", "sc-acct-1");
        String id = OAuthApi.connect(owner, "snapchat", simUser);

        Map<String, Object> user = OAuthApi.platformUser(owner, id);
        assertThat(user).containsEntry("platform", "snapchat").containsEntry("displayName", "Ana Snap").containsEntry("status", "ACTIVE");
        assertThat((List<Map<String, Object>>) user.get("adAccounts")).extracting(a -> a.get("externalId")).containsExactly("sc-acct-1");
    }

    @Test
    void everyRotatedRefreshTokenIsStoredWithItsAccessTokenSoTheNextRefreshWorks_T7() {
        User owner = TokenApi.owner();
        String simUser = OAuthApi.simUser("snapchat", "Bo Snap", "sc-acct-2");
        String id = OAuthApi.connect(owner, "snapchat", simUser);
        String refreshBefore = refreshCiphertext(id);

        for (int cycle = 1; cycle <= 3; cycle++) {
            MutableClock.advance(Duration.ofMinutes(27)); // inside the 5-minute buffer of each 30-minute token
            TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1)).body("expired", equalTo(0));
            assertThat(refreshCiphertext(id)).as("cycle %d", cycle).isNotEqualTo(refreshBefore);
            refreshBefore = refreshCiphertext(id);
        }
        // each old refresh token died when it was used: three refreshes worked only with the newest stored each time
        assertThat(ProviderSimulator.calls("snapchat", "token.refresh_token", simUser)).isEqualTo(3);
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");
    }

    @Test
    void aRevokedGrantExpiresWhileRateLimitsAndServerErrorsAreRetried_T4_T7() {
        User owner = TokenApi.owner();
        String revoked = OAuthApi.simUser("snapchat", "Revoked", "sc-r");
        String limited = OAuthApi.simUser("snapchat", "Limited", "sc-l");
        String failing = OAuthApi.simUser("snapchat", "Failing", "sc-f");
        String revokedId = OAuthApi.connect(owner, "snapchat", revoked);
        String limitedId = OAuthApi.connect(owner, "snapchat", limited);
        String failingId = OAuthApi.connect(owner, "snapchat", failing);
        ProviderSimulator.fail("snapchat", revoked, Map.of("mode", "INVALID_GRANT"));
        ProviderSimulator.fail("snapchat", limited, Map.of("mode", "RATE_LIMITED", "count", 1));
        ProviderSimulator.fail("snapchat", failing, Map.of("mode", "TRANSIENT", "count", 1));

        MutableClock.advance(Duration.ofMinutes(27));
        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(1)).body("deferred", equalTo(2));

        assertThat(OAuthApi.platformUser(owner, revokedId)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "INVALID_GRANT");
        assertThat(OAuthApi.platformUser(owner, limitedId)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "RATE_LIMITED");
        assertThat(OAuthApi.platformUser(owner, failingId)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "TRANSIENT");
    }

    private String refreshCiphertext(String platformUserId) {
        return db.query("select refresh_token from oauth_token where platform_user_id = '" + platformUserId + "'").execute()
                .await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void aProviderRefusingOurOwnClientCredentialsExpiresNobodyAndAlertsTheOperator_T4() {
        User owner = TokenApi.owner();
        String sim = OAuthApi.simUser("snapchat", "Console", "sc-console");
        String id = OAuthApi.connect(owner, "snapchat", sim);
        ProviderSimulator.rotateClientSecret("snapchat", "rotated-in-the-console");
        try {
            MutableClock.advance(Duration.ofMinutes(27));
            TokenApi.sweep().then().statusCode(200);

            assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", "INVALID_CLIENT");
            given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString(
                    "wevion_token_refresh_total{outcome=\"deferred\",platform=\"snapchat\",reason=\"INVALID_CLIENT\"}"));
        } finally {
            ProviderSimulator.rotateClientSecret("snapchat", "local-snapchat-client-secret");
        }
    }
}
