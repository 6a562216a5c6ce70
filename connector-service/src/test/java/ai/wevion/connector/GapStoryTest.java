package ai.wevion.connector;

import static ai.wevion.connector.ConnectorApi.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.connector.TokenEvents.Account;
import ai.wevion.testing.EventContract;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import ai.wevion.testing.FreshConsumerGroups;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Article 1's whole gap story, from token-status events as token-service publishes them (C1–C7). */
@QuarkusTest
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class GapStoryTest {

    private final TokenEvents tokens = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void healthyThenExpiredThenReconnectedLosesNoData_C1_C2_C3_C4_C5_C7() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ws = owner.workspaceId();
        String ana = UUID.randomUUID().toString();
        Account account = Account.random();
        Map<String, Instant> rulePausedAt = new HashMap<>(); // the rules engine's automation_rule.auto_paused_at

        try (TopicProbe requests = new TopicProbe("sync-requests"); TopicProbe gates = new TopicProbe("connector-status")) {
            // healthy: green, Connected, no banner, gates open, syncing every 15 minutes
            tokens.tokenStatus("TOKEN_CONNECTED", ws, ana, "ACTIVE", null, List.of(account));
            await().atMost(Duration.ofSeconds(5)).until(() -> "green".equals(ConnectorApi.metaConnector(owner).get("badge")));
            assertThat(card(owner)).containsEntry("card", "green").containsEntry("message", "Connected").containsEntry("stale", false);
            ConnectorApi.banners(owner).then().body("", hasSize(0));
            ConnectorApi.gate(account.adAccountId(), "publish").then().body("allowed", equalTo(true)).body("platformUserId", equalTo(ana));

            MutableClock.advance(Duration.ofMinutes(16));
            ConnectorApi.schedule();
            JsonPath first = await().atMost(Duration.ofSeconds(5)).until(
                    () -> ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId()), l -> l.size() == 1).get(0);
            assertThat(first.getString("trigger")).isEqualTo("SCHEDULED");
            assertThat(first.getString("platformUserId")).isEqualTo(ana);
            Instant syncedUntil = Instant.parse(first.getString("to"));
            tokens.syncCompleted(ws, first.getString("requestId"), account.adAccountId(), syncedUntil);
            await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("[0].lastSyncedAt") != null);

            // refresh fails: yellow card, banner, gates closed, sync stopped, publish and edit refused
            tokens.tokenStatus("TOKEN_EXPIRED", ws, ana, "EXPIRED", "PASSWORD_CHANGED", List.of(account));
            await().atMost(Duration.ofSeconds(5)).until(() -> "yellow".equals(ConnectorApi.metaConnector(owner).get("badge")));
            assertThat(ConnectorApi.metaConnector(owner)).containsEntry("status", "NEEDS_ATTENTION");
            assertThat(card(owner)).containsEntry("card", "yellow").containsEntry("message", "Token expired — Reconnect")
                    .containsEntry("stale", true);
            ConnectorApi.banners(owner).then().body("", hasSize(1)).body("[0].platform", equalTo("meta"))
                    .body("[0].message", equalTo("Meta connection needs attention"));
            for (String action : List.of("sync", "publish", "edit", "rules")) {
                ConnectorApi.gate(account.adAccountId(), action).then().statusCode(200)
                        .body("allowed", equalTo(false)).body("reason", equalTo("TOKEN_EXPIRED")).body("message", equalTo("Token expired"));
            }
            ConnectorApi.forceSync(owner, account.adAccountId()).then().statusCode(409)
                    .body("error", equalTo("token_expired")).body("message", equalTo("Token expired"));
            ConnectorApi.adAccounts(owner).then().body("[0].syncStatus", equalTo("STOPPED")).body("[0].coveredBy", hasSize(1));
            // the gate opened at connect, and closes now
            JsonPath closed = await().atMost(Duration.ofSeconds(5)).until(
                    () -> ofType(gates.events(), "AD_ACCOUNT_GATE_CHANGED", account.adAccountId()), l -> l.size() == 2).get(1);
            assertThat(closed.getBoolean("gates.publish")).isFalse();
            assertThat(closed.getString("reason")).isEqualTo("TOKEN_EXPIRED");
            applyToRule(closed, rulePausedAt);
            assertThat(rulePausedAt).containsKey(account.adAccountId());
            EventContract.assertConforms("connector-status", gates.events().get(0));

            MutableClock.advance(Duration.ofDays(2));
            ConnectorApi.schedule();
            assertThat(ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId())).hasSize(1); // no sync while expired

            // reconnect: green within a second, gates open, one BACKFILL covering exactly the gap, rule unpaused
            tokens.tokenStatus("TOKEN_RECONNECTED", ws, ana, "ACTIVE", null, List.of(account));
            Instant reconnected = tokens.now();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> "green".equals(ConnectorApi.metaConnector(owner).get("badge")));
            ConnectorApi.banners(owner).then().body("", hasSize(0));
            ConnectorApi.gate(account.adAccountId(), "publish").then().body("allowed", equalTo(true));
            List<JsonPath> backfills = await().atMost(Duration.ofSeconds(5)).until(
                    () -> ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId()).stream()
                            .filter(r -> "BACKFILL".equals(r.getString("trigger"))).toList(), l -> !l.isEmpty());
            assertThat(backfills).hasSize(1);
            assertThat(Instant.parse(backfills.get(0).getString("from"))).isEqualTo(syncedUntil);
            assertThat(Instant.parse(backfills.get(0).getString("to"))).isBetween(reconnected.minusSeconds(5), reconnected.plusSeconds(5));
            requests.events().forEach(e -> EventContract.assertConforms("sync-requests", e));
            JsonPath opened = await().atMost(Duration.ofSeconds(5)).until(
                    () -> ofType(gates.events(), "AD_ACCOUNT_GATE_CHANGED", account.adAccountId()), l -> l.size() == 3).get(2);
            assertThat(opened.getBoolean("gates.publish")).isTrue();
            applyToRule(opened, rulePausedAt);
            assertThat(rulePausedAt).doesNotContainKey(account.adAccountId());
        }
    }

    /** The rules engine's side of C5: a closed gate auto-pauses the rules on the account, an open one resumes them. */
    private static void applyToRule(JsonPath gateChanged, Map<String, Instant> autoPausedAt) {
        String account = gateChanged.getString("adAccountId");
        if (gateChanged.getBoolean("gates.rules")) {
            autoPausedAt.remove(account);
        } else {
            autoPausedAt.put(account, Instant.parse(gateChanged.getString("occurredAt")));
        }
    }

    private static Map<String, Object> card(User owner) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cards = (List<Map<String, Object>>) ConnectorApi.metaConnector(owner).get("platformUsers");
        assertThat(cards).hasSize(1);
        return cards.get(0);
    }
}
