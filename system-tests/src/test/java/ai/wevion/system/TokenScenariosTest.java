package ai.wevion.system;

import static ai.wevion.system.SystemApi.card;
import static ai.wevion.system.SystemApi.gate;
import static ai.wevion.system.SystemApi.unread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.system.SystemApi.User;
import ai.wevion.testing.TopicProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform tokens' life beyond the main story of article 1: quiet
 * refreshes, reconnecting with the same or another account, archive and
 * disconnect, agencies with many ad accounts, shared ad accounts, warnings
 * ahead of a forced expiry, platform-wide failures, and the other providers.
 */
class TokenScenariosTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void aRefreshStoresANewTokenTheUserNeverSeesAndTellsTheOtherServicesWithoutTheToken_T2_T3_T11() throws IOException {
        User buyer = SystemApi.signUp();
        String sim = dueForRefresh("Ana", unique("acc"));
        List<String> seen = new ArrayList<>();
        try (TopicProbe tokenStatus = new TopicProbe("token-status"); TopicProbe connectorStatus = new TopicProbe("connector-status");
                TopicProbe syncRequests = new TopicProbe("sync-requests")) {
            String platformUserId = SystemApi.connect(buyer, "meta", sim);
            String before = SystemApi.credential(platformUserId).then().statusCode(200).extract().path("accessToken");

            SystemApi.refreshSweep();

            String after = SystemApi.credential(platformUserId).then().statusCode(200).extract().path("accessToken");
            assertThat(after).isNotEqualTo(before);
            assertThat(SystemApi.platformUser(buyer, platformUserId)).containsEntry("status", "ACTIVE").containsKey("lastRefreshAt");
            await().atMost(Duration.ofSeconds(10)).until(() -> tokenStatus.events().stream()
                    .anyMatch(e -> e.contains(platformUserId) && e.contains("\"TOKEN_REFRESHED\"")));
            assertThat(tokenStatus.events()).anyMatch(e -> e.contains(platformUserId) && e.contains("\"TOKEN_CONNECTED\""));
            await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(card(buyer, "meta").get("badge")));
            assertThat(unread(buyer)).isZero();
            seen.addAll(tokenStatus.events());
            seen.addAll(connectorStatus.events());
            seen.addAll(syncRequests.events());
        }

        // what a person or another service could read: API answers, events, log lines
        seen.add(buyer.at(WevionSystem.TOKEN).get("/api/v1/platform-users").asString());
        seen.add(buyer.at(WevionSystem.CONNECTOR).get("/api/v1/connectors").asString());
        seen.add(buyer.at(WevionSystem.CONNECTOR).get("/api/v1/ad-accounts").asString());
        seen.add(buyer.at(WevionSystem.NOTIFICATION).get("/api/v1/notifications").asString());
        for (String service : List.of("auth-service", "token-service", "connector-service", "notification-service")) {
            seen.add(Files.readString(Path.of("target", service + ".log")));
        }
        List<String> tokens = SystemApi.issuedTokens("meta");
        assertThat(tokens).isNotEmpty();
        for (String token : tokens) {
            assertThat(seen).noneMatch(text -> text.contains(token));
        }
    }

    @Test
    void connectingKeepsTheLongestLivedTokenMetaOffers_T1_T10() {
        User buyer = SystemApi.signUp();
        String sim = SystemApi.simUser("meta", "Ana", unique("acc"));

        String platformUserId = SystemApi.connect(buyer, "meta", sim);

        Instant expiresAt = Instant.parse((String) SystemApi.platformUser(buyer, platformUserId).get("expiresAt"));
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofDays(59)));
    }

    @Test
    void reconnectingWithTheSameAccountRefreshesTheRecordAndAnotherAccountMakesANewOneThatCanBeArchivedOrDisconnected_T5_T6() {
        User buyer = SystemApi.signUp();
        String ana = SystemApi.simUser("meta", "Ana", unique("acc"));
        String bob = SystemApi.simUser("meta", "Bob", unique("acc"));
        String first = SystemApi.connect(buyer, "meta", ana);

        var same = SystemApi.connect(buyer, "meta", ana, "reconnect");
        var other = SystemApi.connect(buyer, "meta", bob, "reconnect");

        assertThat(same.<String>path("platformUserId")).isEqualTo(first);
        assertThat(same.<String>path("outcome")).isEqualTo("RECONNECTED");
        String second = other.path("platformUserId");
        assertThat(second).isNotEqualTo(first);
        assertThat(other.<String>path("outcome")).isEqualTo("NEW_USER_CREATED");

        buyer.at(WevionSystem.TOKEN).post("/api/v1/platform-users/" + first + "/archive").then().statusCode(204);
        assertThat(SystemApi.platformUser(buyer, first)).containsEntry("status", "ARCHIVED");
        SystemApi.credential(first).then().statusCode(org.hamcrest.Matchers.not(200));

        buyer.at(WevionSystem.TOKEN).delete("/api/v1/platform-users/" + second).then().statusCode(204);
        assertThat(SystemApi.platformUser(buyer, second)).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.adAccountsOf(buyer, "meta").stream()
                .noneMatch(a -> ((List<?>) a.get("coveredBy")).contains(second)));
    }

    @Test
    void anAgencysAccountsCoveredByAnotherUserKeepSyncingWhenOneTokenExpires_T9_C6() {
        User agency = SystemApi.signUp();
        String shared = unique("shared");
        String[] anaAccounts = IntStream.rangeClosed(1, 21).mapToObj(i -> unique("acc")).toArray(String[]::new);
        String ana = dueForRefresh("Ana", concat(anaAccounts, shared));
        String bob = dueForRefresh("Bob", shared);
        String anaId = SystemApi.connect(agency, "meta", ana);
        String bobId = SystemApi.connect(agency, "meta", bob);
        await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.adAccountsOf(agency, "meta").size() == 22);

        SystemApi.simFailure("meta", ana, "APP_REMOVED");
        SystemApi.refreshSweep();

        List<Map<String, Object>> accounts = SystemApi.adAccountsOf(agency, "meta");
        String sharedId = idOf(accounts, shared);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> gate(idOf(accounts, anaAccounts[0]))
                .then().body("allowed", equalTo(false)));
        for (String account : anaAccounts) {
            gate(idOf(accounts, account)).then().body("allowed", equalTo(false)).body("message", equalTo("Token expired"));
        }
        gate(sharedId).then().body("allowed", equalTo(true)).body("platformUserId", equalTo(bobId));
        assertThat(SystemApi.platformUser(agency, anaId)).containsEntry("status", "EXPIRED");
        agency.at(WevionSystem.CONNECTOR).post("/api/v1/ad-accounts/" + sharedId + "/sync").then().statusCode(202);
    }

    @Test
    void aTokenWhoseDataAccessEndsSoonWarnsInTheBellOnce_N2() {
        User buyer = SystemApi.signUp();
        String sim = SystemApi.simUser("meta", Map.of("name", "Ana", "tokenLifetimeSeconds", 3 * 86400,
                "dataAccessSeconds", 10 * 86400, "adAccounts", SystemApi.adAccounts(unique("acc"))));
        SystemApi.connect(buyer, "meta", sim);

        SystemApi.refreshSweep();
        SystemApi.refreshSweep();

        await().atMost(Duration.ofSeconds(10)).until(() -> unread(buyer) == 1);
        Map<String, Object> warning = SystemApi.notifications(buyer).get(0);
        assertThat(warning).containsEntry("type", "TOKEN_EXPIRING").containsEntry("platform", "meta").containsEntry("link", "/connect/meta");
        assertThat((String) warning.get("title")).matches("Meta token expires in (9|10) days");
        assertThat((String) warning.get("body")).contains("cannot be renewed automatically");
    }

    @Test
    void tokenAlertsStayInTheAppWhileSyncFailuresReachTelegram_N3() {
        User buyer = SystemApi.signUp();
        long chat = SystemApi.newChat();
        SystemApi.say(chat, "/start " + SystemApi.telegramLinkToken(buyer));
        await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.botSaid(chat).size() == 1);
        String sim = dueForRefresh("Ana", unique("acc"));
        SystemApi.connect(buyer, "meta", sim);
        String adAccountId = await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.adAccountsOf(buyer, "meta"), l -> !l.isEmpty())
                .get(0).get("adAccountId").toString();

        try (SyncWorker worker = new SyncWorker()) {
            worker.serve(buyer.workspaceId());
            worker.failSyncsOf(buyer.workspaceId());
            buyer.at(WevionSystem.CONNECTOR).post("/api/v1/ad-accounts/" + adAccountId + "/sync").then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.botSaid(chat).size() == 2);
        }

        SystemApi.simFailure("meta", sim, "PASSWORD_CHANGED");
        SystemApi.refreshSweep();
        await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.notifications(buyer).stream()
                .anyMatch(n -> "TOKEN_EXPIRED".equals(n.get("type"))));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> SystemApi.botSaid(chat).size() == 2);
    }

    @Test
    void manyTokensFailingAtOnceRaiseOneBellNotification_N6() {
        User buyer = SystemApi.signUp();
        List<String> sims = IntStream.rangeClosed(1, 5).mapToObj(i -> dueForRefresh("Buyer " + i, unique("acc"))).toList();
        sims.forEach(sim -> SystemApi.connect(buyer, "meta", sim));

        sims.forEach(sim -> SystemApi.simFailure("meta", sim, "CHECKPOINT"));
        SystemApi.refreshSweep();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SystemApi.notifications(buyer))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("type", "TOKEN_EXPIRED").containsEntry("count", 5)));
        assertThat(unread(buyer)).isEqualTo(1);
    }

    @Test
    void googleAdsRenewsItsShortTokensAndARevokedGrantTurnsTheCardYellow_T7() {
        User buyer = SystemApi.signUp();
        String sim = SystemApi.simUser("google", Map.of("name", "Ana", "tokenLifetimeSeconds", 120,
                "adAccounts", SystemApi.adAccounts(unique("customer"))));
        String platformUserId = SystemApi.connect(buyer, "google-ads", sim);
        String before = SystemApi.credential(platformUserId).then().statusCode(200).extract().path("accessToken");

        SystemApi.refreshSweep();

        assertThat(SystemApi.credential(platformUserId).then().statusCode(200).extract().<String>path("accessToken"))
                .isNotEqualTo(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(card(buyer, "google-ads").get("badge")));

        SystemApi.simFailure("google", sim, "INVALID_GRANT");
        SystemApi.refreshSweep();

        await().atMost(Duration.ofSeconds(10)).until(() -> "yellow".equals(card(buyer, "google-ads").get("badge")));
        await().atMost(Duration.ofSeconds(10)).until(() -> unread(buyer) == 1);
        assertThat(SystemApi.notifications(buyer).get(0)).containsEntry("title", "Token expired").containsEntry("link", "/connect/google-ads");
        buyer.at(WevionSystem.CONNECTOR).get("/api/v1/dashboard/banners")
                .then().body("[0].message", equalTo("Google Ads connection needs attention"));
    }

    /** A Meta user whose token is inside the refresh job's 7-day window (T3). */
    private static String dueForRefresh(String name, String... adAccountIds) {
        return SystemApi.simUser("meta", Map.of("name", name, "tokenLifetimeSeconds", 3 * 86400,
                "adAccounts", SystemApi.adAccounts(adAccountIds)));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String[] concat(String[] ids, String id) {
        String[] all = java.util.Arrays.copyOf(ids, ids.length + 1);
        all[ids.length] = id;
        return all;
    }

    private static String idOf(List<Map<String, Object>> accounts, String externalId) {
        return accounts.stream().filter(a -> ("act_" + externalId).equals(a.get("externalId"))).findFirst().orElseThrow().get("adAccountId").toString();
    }
}
