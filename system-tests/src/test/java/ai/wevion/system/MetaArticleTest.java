package ai.wevion.system;

import static ai.wevion.system.SystemApi.card;
import static ai.wevion.system.SystemApi.gate;
import static ai.wevion.system.SystemApi.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.system.SystemApi.User;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Article 1 ("Meta token health and reconnection") end to end, through the
 * public HTTP APIs and topics of the running system only: a media buyer
 * connects Meta, the refresh fails, the card turns yellow with the banner and
 * the bell, gates close, and a reconnect brings everything back with one
 * backfill covering the gap.
 */
class MetaArticleTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectExpireAndReconnectLosesNoData_A1_T1_T4_C1_C2_C3_C4_C5_C7_C8_N1_N4() {
        User buyer = SystemApi.signUp();
        String sim = SystemApi.simUser("meta", Map.of("name", "Ana", "tokenLifetimeSeconds", 3 * 86400,
                "adAccounts", List.of(Map.of("id", "111", "name", "Acme EU"))));

        try (SyncWorker worker = new SyncWorker()) {
            worker.serve(buyer.workspaceId());

            // connect: green card, gates open, a sync through the stand-in worker moves the sync point
            String platformUserId = SystemApi.connect(buyer, "meta", sim);
            await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(card(buyer, "meta").get("badge")));
            String adAccountId = (String) SystemApi.adAccountsOf(buyer, "meta").get(0).get("adAccountId");
            gate(adAccountId).then().body("allowed", equalTo(true)).body("platformUserId", equalTo(platformUserId));
            buyer.at(WevionSystem.CONNECTOR).post("/api/v1/ad-accounts/" + adAccountId + "/sync").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.adAccountsOf(buyer, "meta").get(0).get("lastSyncedAt") != null);
            Instant syncedUntil = Instant.parse(worker.handled().get(0).getString("to"));

            // the refresh fails (Ana changed her Facebook password): yellow card, banner, bell, gates closed
            SystemApi.simFailure("meta", sim, "PASSWORD_CHANGED");
            SystemApi.refreshSweep();
            assertThat(SystemApi.platformUser(buyer, platformUserId))
                    .containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "PASSWORD_CHANGED");
            await().atMost(Duration.ofSeconds(10)).until(() -> "yellow".equals(card(buyer, "meta").get("badge")));
            Map<String, Object> userCard = ((List<Map<String, Object>>) card(buyer, "meta").get("platformUsers")).get(0);
            assertThat(userCard).containsEntry("message", "Token expired — Reconnect");
            buyer.at(WevionSystem.CONNECTOR).get("/api/v1/dashboard/banners")
                    .then().body("[0].message", equalTo("Meta connection needs attention"));
            gate(adAccountId).then().body("allowed", equalTo(false)).body("message", equalTo("Token expired"));
            buyer.at(WevionSystem.CONNECTOR).post("/api/v1/ad-accounts/" + adAccountId + "/sync")
                    .then().statusCode(409).body("message", equalTo("Token expired"));
            await().atMost(Duration.ofSeconds(10)).until(() -> unread(buyer) == 1);
            assertThat(SystemApi.notifications(buyer).get(0)).containsEntry("title", "Token expired").containsEntry("link", "/connect/meta");

            // reconnect: green again, the alert resolved, one BACKFILL from exactly where the last sync ended
            SystemApi.simFailure("meta", sim, "NONE");
            assertThat(SystemApi.connect(buyer, "meta", sim, "reconnect").<String>path("outcome")).isEqualTo("RECONNECTED");
            await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(card(buyer, "meta").get("badge")));
            gate(adAccountId).then().body("allowed", equalTo(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> unread(buyer) == 0);
            JsonPath backfill = await().atMost(Duration.ofSeconds(10)).until(() -> worker.handled().stream()
                    .filter(r -> "BACKFILL".equals(r.getString("trigger"))).toList(), l -> l.size() == 1).get(0);
            assertThat(Instant.parse(backfill.getString("from"))).isEqualTo(syncedUntil);
        }
    }
}
