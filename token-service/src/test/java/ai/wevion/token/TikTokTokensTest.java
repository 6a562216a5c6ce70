package ai.wevion.token;

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

/** TikTok through the provider catalog: JSON token exchange, errors inside HTTP 200, advertiser tokens that never expire (T4, T7). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class TikTokTokensTest extends EmptyTokenTables {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectingTikTokListsItsAdvertisersAndTheTokenNeverExpires_T1_T7() {
        User owner = TokenApi.owner();
        String simUser = OAuthApi.simUser("tiktok", "Ana TikTok", "7001");
        String id = OAuthApi.connect(owner, "tiktok", simUser);

        Map<String, Object> user = OAuthApi.platformUser(owner, id);
        assertThat(user).containsEntry("platform", "tiktok").containsEntry("displayName", "Ana TikTok").containsEntry("expiresAt", null);
        assertThat((List<Map<String, Object>>) user.get("adAccounts")).extracting(a -> a.get("externalId")).containsExactly("7001");

        MutableClock.advance(Duration.ofDays(365));
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1)).body("expired", equalTo(0));
        TokenApi.credential(id).then().statusCode(200);
    }

    @Test
    void aRevokedOrLoggedOutAdvertiserExpiresWhileRateLimitsAndSystemErrorsAreRetried_T4_T7() {
        User owner = TokenApi.owner();
        Map<String, String> outcome = Map.of("APP_REMOVED", "REVOKED", "LOGGED_OUT", "LOGGED_OUT", "RATE_LIMITED", "RATE_LIMITED",
                "TRANSIENT", "TRANSIENT");
        Map<String, String> ids = new java.util.HashMap<>();
        outcome.keySet().forEach(mode -> {
            String simUser = OAuthApi.simUser("tiktok", "TikTok " + mode, "70" + mode.length());
            ids.put(mode, OAuthApi.connect(owner, "tiktok", simUser));
            ProviderSimulator.fail("tiktok", simUser, Map.of("mode", mode, "count", 1));
        });

        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(2)).body("deferred", equalTo(2));

        assertThat(OAuthApi.platformUser(owner, ids.get("APP_REMOVED"))).containsEntry("status", "EXPIRED")
                .containsEntry("lastRefreshError", "REVOKED");
        assertThat(OAuthApi.platformUser(owner, ids.get("LOGGED_OUT"))).containsEntry("status", "EXPIRED")
                .containsEntry("lastRefreshError", "LOGGED_OUT");
        assertThat(OAuthApi.platformUser(owner, ids.get("RATE_LIMITED"))).containsEntry("status", "ACTIVE")
                .containsEntry("lastRefreshError", "RATE_LIMITED");
        assertThat(OAuthApi.platformUser(owner, ids.get("TRANSIENT"))).containsEntry("status", "ACTIVE")
                .containsEntry("lastRefreshError", "TRANSIENT");
    }

    @Test
    void everyTikTokErrorCodeIsClassifiedAsExpiredOrRetried_T4_T7() {
        User owner = TokenApi.owner();
        Map<Integer, String> expected = Map.of(40102, "EXPIRED", 40103, "REFRESH_EXPIRED", 40107, "INVALID_REFRESH_TOKEN", 40132, "RATE_LIMITED",
                61000, "RATE_LIMITED", 50002, "TRANSIENT", 60001, "TRANSIENT");
        Map<Integer, String> ids = new java.util.HashMap<>();
        expected.keySet().forEach(code -> {
            String simUser = OAuthApi.simUser("tiktok", "Code " + code, String.valueOf(code));
            ids.put(code, OAuthApi.connect(owner, "tiktok", simUser));
            ProviderSimulator.fail("tiktok", simUser, Map.of("mode", "TRANSIENT", "count", 1, "code", code));
        });

        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(3)).body("deferred", equalTo(4));
        expected.forEach((code, reason) -> assertThat(OAuthApi.platformUser(owner, ids.get(code))).as("code %d", code)
                .containsEntry("status", reason.equals("RATE_LIMITED") || reason.equals("TRANSIENT") ? "ACTIVE" : "EXPIRED")
                .containsEntry("lastRefreshError", reason));
    }

    @Test
    void aCreatorAccountsRotatingRefreshTokenIsStoredEachTimeSoEveryRenewalWorks_T7() {
        User owner = TokenApi.owner();
        String simUser = ProviderSimulator.newUser("tiktok", Map.of("name", "Creator Cleo"));
        String id = OAuthApi.connect(owner, "tiktok-creator", simUser);
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("displayName", "Creator Cleo").containsEntry("status", "ACTIVE");

        for (int day = 1; day <= 3; day++) {
            MutableClock.advance(Duration.ofHours(23).plusMinutes(30)); // inside the 1-hour buffer of a 24-hour token
            TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1)).body("expired", equalTo(0));
        }
        // each refresh token died when it was used: three renewals worked only because the newest was stored each time
        assertThat(ProviderSimulator.calls("tiktok", "creator_refresh", simUser)).isEqualTo(3);
        TokenApi.credential(id).then().statusCode(200);

        ProviderSimulator.fail("tiktok", simUser, Map.of("mode", "EXPIRED"));
        MutableClock.advance(Duration.ofHours(23).plusMinutes(30));
        TokenApi.sweep().then().statusCode(200).body("expired", equalTo(1));
        assertThat(OAuthApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "REFRESH_EXPIRED");
    }
}
