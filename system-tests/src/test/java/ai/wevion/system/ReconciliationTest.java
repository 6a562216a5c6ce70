package ai.wevion.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.system.SystemApi.User;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A lost projection heals itself (issue 14, point 2): connector-service
 * rebuilds its view from token-service's state when it starts with none,
 * calling token-service with its own client (quarkus-oidc-client, scope
 * platform-users:read). The token-status events are not replayed (its
 * consumer group's offsets are past them), so without reconciliation the
 * cards would stay empty for ever.
 */
class ReconciliationTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void afterItsDatabaseIsLostConnectorServiceShowsTokenServicesTruthAgain_C1_C2_C5_T11() {
        User buyer = SystemApi.signUp();
        String healthyAccount = unique("acc");
        String deadAccount = unique("acc");
        SystemApi.connect(buyer, "meta", SystemApi.simUser("meta", "Ana", healthyAccount));
        String bob = SystemApi.simUser("meta", Map.of("name", "Bob", "tokenLifetimeSeconds", 3 * 86400,
                "adAccounts", SystemApi.adAccounts(deadAccount)));
        SystemApi.connect(buyer, "meta", bob);
        SystemApi.connect(buyer, "google-ads", SystemApi.simUser("google", "Cleo", unique("customer")));
        SystemApi.simFailure("meta", bob, "PASSWORD_CHANGED");
        SystemApi.refreshSweep();
        await().atMost(Duration.ofSeconds(10)).until(() -> cards(buyer).containsValue("yellow"));
        Map<String, String> before = cards(buyer);
        Map<String, String> gatesBefore = gates(buyer);
        assertThat(before).hasSize(3);
        assertThat(gatesBefore).containsEntry("act_" + deadAccount, "STOPPED").containsEntry("act_" + healthyAccount, "SYNCING");

        WevionSystem.restartConnector(ReconciliationTest::loseTheProjection);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cards(buyer)).isEqualTo(before));
        assertThat(gates(buyer)).isEqualTo(gatesBefore);
        assertThat(SystemApi.gate(adAccountIdOf(buyer, deadAccount)).then().statusCode(200).extract().<Boolean>path("allowed"))
                .as("no acting on an account whose only token is dead (C5)").isFalse();
    }

    /** Each platform user's card colour, by id: what the Connectors page shows. */
    private static Map<String, String> cards(User user) {
        List<Map<String, Object>> connectors = user.at(WevionSystem.CONNECTOR).get("/api/v1/connectors").then().statusCode(200)
                .extract().path("");
        Map<String, String> cards = new TreeMap<>();
        for (Map<String, Object> connector : connectors) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> users = (List<Map<String, Object>>) connector.get("platformUsers");
            users.forEach(u -> cards.put((String) u.get("platformUserId"), (String) u.get("card")));
        }
        return cards;
    }

    /** Each ad account's sync status, by external id. */
    private static Map<String, String> gates(User user) {
        return List.of("meta", "google-ads").stream().flatMap(p -> SystemApi.adAccountsOf(user, p).stream())
                .collect(Collectors.toMap(a -> (String) a.get("externalId"), a -> (String) a.get("syncStatus"), (a, b) -> a, TreeMap::new));
    }

    private static String adAccountIdOf(User user, String externalId) {
        return SystemApi.adAccountsOf(user, "meta").stream().filter(a -> ("act_" + externalId).equals(a.get("externalId"))).findFirst()
                .orElseThrow().get("adAccountId").toString();
    }

    /** What a lost database leaves: no platform user, no ad account, no coverage (the consumer offsets stay in Kafka). */
    private static void loseTheProjection() {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:55433/system_connector", "wevion", "wevion");
                Statement s = c.createStatement()) {
            s.execute("truncate platform_user, ad_account, coverage, sync_request, reconciliation");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
