package ai.wevion.connector;

import static ai.wevion.connector.ConnectorApi.ofType;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.connector.TokenEvents.Account;
import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class CoverageAndOrderingTest {

    private final TokenEvents tokens = new TokenEvents();

    @Inject
    Pool db;

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void anAccountCoveredByTwoUsersKeepsSyncingThroughTheOtherWhenOneExpires_C6() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ana = UUID.randomUUID().toString();
        String bo = UUID.randomUUID().toString();
        Account shared = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), ana, "ACTIVE", null, List.of(shared));
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), bo, "ACTIVE", null, List.of(shared));
        await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("[0].coveredBy.size()").equals(2));

        try (TopicProbe requests = new TopicProbe("sync-requests"); TopicProbe gates = new TopicProbe("connector-status")) {
            tokens.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), ana, "EXPIRED", "APP_REMOVED", List.of(shared));
            await().atMost(Duration.ofSeconds(5)).until(() -> "yellow".equals(ConnectorApi.metaConnector(owner).get("badge")));

            ConnectorApi.gate(shared.adAccountId(), "publish").then().body("allowed", equalTo(true)).body("platformUserId", equalTo(bo));
            ConnectorApi.adAccounts(owner).then().body("[0].syncStatus", equalTo("SYNCING"));
            MutableClock.advance(Duration.ofMinutes(16));
            ConnectorApi.schedule();
            JsonPath request = await().atMost(Duration.ofSeconds(5))
                    .until(() -> ofType(requests.events(), "SYNC_REQUESTED", shared.adAccountId()), l -> !l.isEmpty()).get(0);
            assertThat(request.getString("platformUserId")).isEqualTo(bo);
            assertThat(ofType(gates.events(), "AD_ACCOUNT_GATE_CHANGED", shared.adAccountId())).isEmpty();
        }
    }

    @Test
    void aGateClosedByAnotherReplicaIsRefusedHereWithinASecond_C5() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ana = UUID.randomUUID().toString();
        Account account = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), ana, "ACTIVE", null, List.of(account));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                ConnectorApi.gate(account.adAccountId(), "publish").then().statusCode(200).body("allowed", equalTo(true)));

        // another replica applies TOKEN_EXPIRED: only the database and its commit notification tell this one
        db.withTransaction(conn -> conn.query("update platform_user set status = 'EXPIRED' where id = '" + ana + "'").execute()
                .chain(() -> conn.query("update ad_account set gate_open = false where id = '" + account.adAccountId() + "'").execute())
                .chain(() -> conn.query("select pg_notify('gate_changed', '')").execute()))
                .await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                ConnectorApi.gate(account.adAccountId(), "publish").then().body("allowed", equalTo(false))
                        .body("message", equalTo("Token expired")));
    }

    @Test
    void everyPlatformsBannerUsesItsDisplayName_C3_T7() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ws = owner.workspaceId();
        for (String platform : List.of("google-ads", "tiktok", "google-drive")) {
            publishOn(platform, "TOKEN_EXPIRED", ws, UUID.randomUUID().toString(), Account.random());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> ConnectorApi.banners(owner).then().body("message",
                org.hamcrest.Matchers.containsInAnyOrder("Google Ads connection needs attention", "TikTok connection needs attention",
                        "Google Drive connection needs attention")));
    }

    @Test
    void aBackfillAfterALongOutageReachesBackOnlyAsFarAsThePlatformKeepsData_C7() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ws = owner.workspaceId();
        Map<String, Account> accounts = Map.of("meta", Account.random(), "google-ads", Account.random());
        Map<String, String> users = Map.of("meta", UUID.randomUUID().toString(), "google-ads", UUID.randomUUID().toString());
        java.time.Instant connectedAt = tokens.now();
        try (TopicProbe requests = new TopicProbe("sync-requests")) {
            for (String type : List.of("TOKEN_CONNECTED", "TOKEN_EXPIRED")) {
                accounts.forEach((platform, account) -> publishOn(platform, type, ws, users.get(platform), account));
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> accounts.values().forEach(a ->
                    ConnectorApi.gate(a.adAccountId(), "sync").then().body("allowed", equalTo(false))));

            MutableClock.advance(Duration.ofDays(500)); // a long outage: the gap is older than Meta keeps insights
            accounts.forEach((platform, account) -> publishOn(platform, "TOKEN_RECONNECTED", ws, users.get(platform), account));

            Map<String, JsonPath> backfills = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                List<String> seen = requests.events();
                accounts.forEach((platform, account) -> ofType(seen, "SYNC_REQUESTED", account.adAccountId()).stream()
                        .filter(e -> "BACKFILL".equals(e.getString("trigger"))).findFirst().ifPresent(e -> backfills.put(platform, e)));
                return backfills.size() == 2;
            });
            java.time.Instant now = tokens.now();
            assertThat(java.time.Instant.parse(backfills.get("meta").getString("from")))
                    .isBetween(now.minus(Duration.ofDays(395)).minusSeconds(5), now.minus(Duration.ofDays(395)).plusSeconds(5));
            assertThat(java.time.Instant.parse(backfills.get("google-ads").getString("from")))
                    .isBetween(connectedAt.minusSeconds(5), connectedAt.plusSeconds(5)); // Google Ads keeps 3 years: the whole gap
        }
    }

    private void publishOn(String platform, String type, String ws, String user, Account account) {
        tokens.tokenStatusOn(platform, type, ws, user, "TOKEN_EXPIRED".equals(type) ? "EXPIRED" : "ACTIVE", null, List.of(account));
    }

    @Test
    void aDuplicatedEventChangesNothingAndALateOneDoesNotTurnBackTime() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ana = UUID.randomUUID().toString();
        Account account = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), ana, "ACTIVE", null, List.of(account));
        java.time.Instant refreshedAt = tokens.now().plusSeconds(1);
        String lateRefresh = tokens.tokenStatusJson(UUID.randomUUID().toString(), "TOKEN_REFRESHED", refreshedAt, owner.workspaceId(),
                ana, "ACTIVE", null, List.of(account));
        MutableClock.advance(Duration.ofSeconds(10));

        try (TopicProbe requests = new TopicProbe("sync-requests")) {
            String expired = tokens.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), ana, "EXPIRED", "CHECKPOINT", List.of(account));
            MutableClock.advance(Duration.ofMinutes(5));
            String reconnected = tokens.tokenStatus("TOKEN_RECONNECTED", owner.workspaceId(), ana, "ACTIVE", null, List.of(account));
            await().atMost(Duration.ofSeconds(5)).until(() -> ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId()).size() == 1);

            tokens.publish(ana, reconnected); // a repeat
            tokens.publish(ana, expired); // a repeat, out of order
            tokens.publish(ana, lateRefresh); // older than what is applied
            String marker = UUID.randomUUID().toString();
            tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), marker, "ACTIVE", null, List.of()); // processed after the repeats
            await().atMost(Duration.ofSeconds(5)).until(() -> ((List<?>) ConnectorApi.metaConnector(owner).get("platformUsers")).size() == 2);

            assertThat(ConnectorApi.metaConnector(owner)).containsEntry("badge", "green");
            assertThat(ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId())).hasSize(1); // one BACKFILL, not two
        }
    }

    @Test
    void twoSchedulersRacingNeverRequestTheSameWindowTwice_C1() throws Exception {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            accounts.add(Account.random());
        }
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, accounts);
        await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("size()").equals(40));
        MutableClock.advance(Duration.ofMinutes(16));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Integer>> schedulers = List.of(ConnectorApi::schedule, ConnectorApi::schedule, ConnectorApi::schedule,
                ConnectorApi::schedule);
        int requested = 0;
        for (Future<Integer> f : pool.invokeAll(schedulers, 60, TimeUnit.SECONDS)) {
            requested += f.get();
        }
        pool.shutdown();

        // every account of this workspace got exactly one window, whichever scheduler took it
        List<UUID> ids = accounts.stream().map(a -> UUID.fromString(a.adAccountId())).toList();
        Map<UUID, Long> perAccount = new java.util.HashMap<>();
        db.preparedQuery("select ad_account_id, count(*) from sync_request where ad_account_id = any($1) group by 1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.toArray(UUID[]::new))).await().indefinitely()
                .forEach(r -> perAccount.put(r.getUUID(0), r.getLong(1)));
        assertThat(perAccount).hasSize(40);
        assertThat(perAccount.values()).allMatch(n -> n == 1);
        assertThat(requested).isGreaterThanOrEqualTo(40);
    }

    @Test
    void workspaceACannotSeeOrSyncWorkspaceBsAccounts() {
        User ownerA = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User ownerB = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        Account accountB = Account.random();
        tokens.tokenStatus("TOKEN_EXPIRED", ownerB.workspaceId(), UUID.randomUUID().toString(), "EXPIRED", "EXPIRED", List.of(accountB));
        await().atMost(Duration.ofSeconds(5)).until(() -> "yellow".equals(ConnectorApi.metaConnector(ownerB).get("badge")));

        assertThat(ConnectorApi.metaConnector(ownerA)).containsEntry("badge", "grey").containsEntry("status", "NOT_CONNECTED");
        ConnectorApi.banners(ownerA).then().body("", hasSize(0));
        ConnectorApi.adAccounts(ownerA).then().body("", hasSize(0));
        ConnectorApi.forceSync(ownerA, accountB.adAccountId()).then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", ownerA.bearer()).get("/api/v1/admin/platform-users").then().body("", hasSize(0));
        given().header("Authorization", ownerB.bearer()).get("/api/v1/admin/platform-users").then().body("", hasSize(1))
                .body("[0].reason", equalTo("EXPIRED"));
        User memberB = TestJwts.newUser(ownerB.workspaceId(), "member");
        given().header("Authorization", memberB.bearer()).get("/api/v1/admin/platform-users").then().statusCode(403);
        given().header("Authorization", ownerA.bearer()).get("/internal/v1/ad-accounts/" + accountB.adAccountId() + "/gate?action=sync")
                .then().statusCode(403);
    }

    @Test
    void forceSyncOnAHealthyAccountIsAccepted_C8() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        Account account = Account.random();
        try (TopicProbe requests = new TopicProbe("sync-requests")) {
            tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, List.of(account));
            await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("size()").equals(1));

            String requestId = ConnectorApi.forceSync(owner, account.adAccountId()).then().statusCode(202).extract().path("requestId");

            await().atMost(Duration.ofSeconds(5)).until(() -> ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId()).stream()
                    .anyMatch(r -> requestId.equals(r.getString("requestId")) && "FORCED".equals(r.getString("trigger"))));
        }
        given().header("Authorization", owner.bearer()).get("/api/v1/admin/audit").then().statusCode(200)
                .body("[0].action", equalTo("ad_account.sync_forced")).body("[0].actorId", equalTo(owner.userId()))
                .body("[0].target", equalTo("ad-account:" + account.adAccountId())).body("[0].service", equalTo("connector-service"));
    }

    @Test
    void aForceSyncByAnAdminActingAsAMemberIsAuditedUnderTheAdmin_C8_A5() {
        User member = TestJwts.newUser(UUID.randomUUID().toString(), "member");
        User owner = TestJwts.newUser(member.workspaceId(), "owner");
        Account account = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", member.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, List.of(account));
        await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(member).path("size()").equals(1));

        given().header("Authorization", "Bearer " + TestJwts.sessionActedBy(member, owner.userId()))
                .post("/api/v1/ad-accounts/" + account.adAccountId() + "/sync").then().statusCode(202);

        given().header("Authorization", owner.bearer()).get("/api/v1/admin/audit").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].actorId", equalTo(owner.userId())).body("[0].subjectId", equalTo(member.userId()));
        given().header("Authorization", member.bearer()).get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void aSecondForceSyncWhileTheFirstIsPendingAnswersTheSameRequestAndSyncsOnce_C8() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        Account account = Account.random();
        try (TopicProbe requests = new TopicProbe("sync-requests")) {
            tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, List.of(account));
            await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("size()").equals(1));

            String first = ConnectorApi.forceSync(owner, account.adAccountId()).then().statusCode(202).extract().path("requestId");
            String second = ConnectorApi.forceSync(owner, account.adAccountId()).then().statusCode(202).extract().path("requestId");

            assertThat(second).isEqualTo(first);
            long recorded = db.query("select count(*) from sync_request where ad_account_id = '" + account.adAccountId() + "'").execute()
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
            assertThat(recorded).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> !ofType(requests.events(), "SYNC_REQUESTED", account.adAccountId()).isEmpty());
        }
    }

    @Test
    void aWorkspaceForcingMoreThanThirtySyncsAMinuteIsToldWhenToTryAgain_C8() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User neighbour = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            accounts.add(Account.random());
        }
        Account theirs = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, accounts);
        tokens.tokenStatus("TOKEN_CONNECTED", neighbour.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null, List.of(theirs));
        await().atMost(Duration.ofSeconds(5)).until(() -> ConnectorApi.adAccounts(owner).path("size()").equals(31)
                && ConnectorApi.adAccounts(neighbour).path("size()").equals(1));

        for (Account account : accounts.subList(0, 30)) {
            ConnectorApi.forceSync(owner, account.adAccountId()).then().statusCode(202);
        }
        var refused = ConnectorApi.forceSync(owner, accounts.get(30).adAccountId());

        refused.then().statusCode(429).body("error", equalTo("too_many_syncs"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        ConnectorApi.forceSync(neighbour, theirs.adAccountId()).then().statusCode(202);
        MutableClock.advance(Duration.ofSeconds(61));
        ConnectorApi.forceSync(owner, accounts.get(30).adAccountId()).then().statusCode(202);
    }
}
