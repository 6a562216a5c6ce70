package ai.wevion.token;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.MutableClock;
import ai.wevion.token.catalog.ProviderCatalog;
import ai.wevion.token.refresh.service.RefreshService;
import ai.wevion.token.store.TokenClaims.ClaimQuery;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 12-hour refresh job and how it tells a dead token from a passing provider problem (T3, T4). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class RefreshSweepTest extends EmptyTokenTables {

    @Inject
    ProviderCatalog catalog;

    @Inject
    RefreshService refresh;

    @Inject
    Clock clock;

    private static final long DAY = 86_400;



    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void aTokenExpiringIn3DaysIsRefreshedOnceAndOneExpiringIn8DaysIsNotTouched_T3() {
        User owner = TokenApi.owner();
        String soon = TokenApi.metaUser("Soon", 3 * DAY);
        String later = TokenApi.metaUser("Later", 8 * DAY);
        String soonId = (String) TokenApi.connect(owner, soon).get("platformUserId");
        String laterId = (String) TokenApi.connect(owner, later).get("platformUserId");
        String before = TokenApi.credential(soonId).path("accessToken");

        TokenApi.sweep().then().statusCode(200);

        assertThat(ProviderSimulator.calls("meta", "exchange", soon)).isEqualTo(2); // connect + one refresh
        assertThat(ProviderSimulator.calls("meta", "exchange", later)).isEqualTo(1); // connect only
        assertThat(TokenApi.credential(soonId).<String>path("accessToken")).isNotEqualTo(before);
        Map<String, Object> refreshed = TokenApi.platformUser(owner, soonId);
        assertThat(refreshed).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", null);
        assertThat(TokenApi.platformUser(owner, laterId)).containsEntry("status", "ACTIVE");
    }

    @Test
    void eachPermanentFailureExpiresTheTokenWithItsReason_T4() {
        Map<String, String> reasons = new LinkedHashMap<>();
        reasons.put("EXPIRED", "EXPIRED");
        reasons.put("APP_REMOVED", "APP_REMOVED");
        reasons.put("PASSWORD_CHANGED", "PASSWORD_CHANGED");
        reasons.put("CHECKPOINT", "CHECKPOINT");
        reasons.put("UNCONFIRMED", "UNCONFIRMED");
        reasons.put("LOGGED_OUT", "LOGGED_OUT");
        reasons.put("DATA_ACCESS_EXPIRED", "DATA_ACCESS_EXPIRED");
        reasons.put("INVALID_GRANT", "INVALID_TOKEN");
        User owner = TokenApi.owner();
        Map<String, String> idByMode = new LinkedHashMap<>();
        reasons.keySet().forEach(mode -> {
            String sim = TokenApi.metaUser("Failing " + mode, 2 * DAY);
            idByMode.put(mode, (String) TokenApi.connect(owner, sim).get("platformUserId"));
            ProviderSimulator.fail("meta", sim, Map.of("mode", mode));
        });

        try (TopicProbe events = new TopicProbe("token-status")) {
            TokenApi.sweep().then().statusCode(200);

            reasons.forEach((mode, reason) -> {
                String id = idByMode.get(mode);
                assertThat(TokenApi.platformUser(owner, id)).as(mode)
                        .containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", reason);
                TokenApi.credential(id).then().statusCode(409).body("error", equalTo("token_expired"));
                await(mode).atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().anyMatch(e ->
                        e.contains("\"TOKEN_EXPIRED\"") && e.contains(id) && e.contains("\"reason\":\"" + reason + "\"")));
            });
        }
    }

    @Test
    void rateLimitsProviderTroubleAndTimeoutsAreRetriedLaterNotExpired_T4() {
        User owner = TokenApi.owner();
        Map<String, String> idByMode = new LinkedHashMap<>();
        Map<String, String> simByMode = new LinkedHashMap<>();
        for (String mode : new String[] {"RATE_LIMITED", "TRANSIENT", "TIMEOUT"}) {
            String sim = TokenApi.metaUser("Busy " + mode, 5 * DAY);
            simByMode.put(mode, sim);
            idByMode.put(mode, (String) TokenApi.connect(owner, sim).get("platformUserId"));
            ProviderSimulator.fail("meta", sim, Map.of("mode", mode, "count", 1));
        }

        try (TopicProbe events = new TopicProbe("token-status")) {
            TokenApi.sweep().then().statusCode(200).body("deferred", equalTo(3)).body("expired", equalTo(0));

            idByMode.forEach((mode, id) -> {
                assertThat(TokenApi.platformUser(owner, id)).as(mode).containsEntry("status", "ACTIVE");
                TokenApi.credential(id).then().statusCode(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                        .anyMatch(e -> e.contains("\"TOKEN_REFRESH_DEFERRED\"") && e.contains(id)));
            });
            assertThat(TokenApi.platformUser(owner, idByMode.get("RATE_LIMITED"))).containsEntry("lastRefreshError", "RATE_LIMITED");
            assertThat(TokenApi.platformUser(owner, idByMode.get("TIMEOUT"))).containsEntry("lastRefreshError", "TIMEOUT");

            // the same sweep cycle does not retry at once; once the wait (Meta asked 5 min) is over, it does
            TokenApi.sweep().then().body("due", equalTo(0));
            MutableClock.advance(Duration.ofMinutes(10));
            TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(3));
            simByMode.forEach((mode, sim) -> assertThat(ProviderSimulator.calls("meta", "exchange", sim)).as(mode).isEqualTo(3));
            idByMode.values().forEach(id -> assertThat(TokenApi.platformUser(owner, id)).containsEntry("lastRefreshError", null));
        }
    }

    @Test
    void aTokenThatPassesExpiresAtUnrefreshedBecomesExpired_T4() {
        User owner = TokenApi.owner();
        String sim = TokenApi.metaUser("Lapsed", 2 * DAY);
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");
        ProviderSimulator.fail("meta", sim, Map.of("mode", "TRANSIENT"));
        TokenApi.sweep().then().body("deferred", equalTo(1));

        MutableClock.advance(Duration.ofDays(2).plusMinutes(1));
        TokenApi.sweep().then().body("expired", equalTo(1));

        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "EXPIRED");
        ProviderSimulator.fail("meta", sim, Map.of("mode", "NONE"));
        // the operator's count of expired tokens by platform (the alert on them reads it)
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/q/metrics").then().extract().asString()
                .contains("wevion_tokens{platform=\"meta\",status=\"EXPIRED\"} 1.0"));
    }

    @Test
    void aTokenThatWillNotBeRefreshedInTimeRaisesTokenExpiringOncePerWindow_N2() {
        User owner = TokenApi.owner();
        String sim = TokenApi.metaUser("Warned", 2 * DAY);
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");
        ProviderSimulator.fail("meta", sim, Map.of("mode", "RATE_LIMITED"));

        try (TopicProbe events = new TopicProbe("token-status")) {
            TokenApi.sweep().then().body("deferred", equalTo(1));
            MutableClock.advance(Duration.ofHours(1));
            TokenApi.sweep().then().body("deferred", equalTo(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .filter(e -> e.contains(id) && e.contains("\"TOKEN_REFRESH_DEFERRED\"")).count() == 2);
            assertThat(events.events().stream().filter(e -> e.contains(id) && e.contains("\"TOKEN_EXPIRING\"")).count()).isEqualTo(1);
            Instant expiresAt = Instant.parse((String) TokenApi.platformUser(owner, id).get("expiresAt"));
            assertThat(expiresAt).isBefore(Instant.now().plus(Duration.ofDays(3)));
        }
        ProviderSimulator.fail("meta", sim, Map.of("mode", "NONE"));
    }

    @Test
    void metasDataAccessLapsingSoonRaisesTokenExpiringOnceWhileRefreshesGoOn_N2() {
        User owner = TokenApi.owner();
        String sim = ProviderSimulator.newUser("meta", Map.of("name", "Inactive", "tokenLifetimeSeconds", 5 * DAY,
                "dataAccessSeconds", 2 * DAY));
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");

        try (TopicProbe events = new TopicProbe("token-status")) {
            TokenApi.sweep().then().body("refreshed", equalTo(1));
            TokenApi.sweep().then().body("refreshed", equalTo(1)); // next cycle: refreshed again, not warned again

            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .filter(e -> e.contains(id) && e.contains("\"TOKEN_REFRESHED\"")).count() == 2);
            assertThat(events.events().stream().filter(e -> e.contains(id) && e.contains("\"TOKEN_EXPIRING\"")
                    && e.contains("DATA_ACCESS_EXPIRING")).count()).isEqualTo(1);
        }
    }

    @Test
    void aTokenLeftClaimedByAReplicaThatDiedIsRefreshedByTheNextRetryPassOnceItsLeaseLapses_T3() {
        User owner = TokenApi.owner();
        String sim = TokenApi.metaUser("Stranded", 3 * DAY);
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");
        // a replica claims the token for its sweep and dies before the provider answers
        Instant now = clock.instant();
        assertThat(catalog.require("meta").store().claims().claim(new ClaimQuery(now.plus(Duration.ofDays(7)), now, 10,
                now.plus(Duration.ofMinutes(5)), now.plusSeconds(1), false, null, true, "meta")).await().indefinitely()).hasSize(1);

        // while the claim holds, nobody else takes it
        assertThat(refresh.retryDeferred().await().indefinitely().due()).isZero();
        assertThat(ProviderSimulator.calls("meta", "exchange", sim)).isEqualTo(1);

        // once the lease (5 minutes here; about 2 by default, ClaimLease) is over, the per-minute retry pass takes it:
        // minutes, not the next 12-hour cycle
        MutableClock.advance(Duration.ofMinutes(6));
        RefreshService.SweepResult retried = refresh.retryDeferred().await().indefinitely();
        assertThat(retried.refreshed()).isEqualTo(1);
        assertThat(ProviderSimulator.calls("meta", "exchange", sim)).isEqualTo(2); // connect + one refresh
        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "ACTIVE").containsEntry("lastRefreshError", null);
    }
}
