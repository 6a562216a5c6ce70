package ai.wevion.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bell: who is told, in which words, once, grouped, and resolved by a reconnect (N1, N2, N4, N6). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class BellTest {

    private final TokenEvents events = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @Test
    void aFailedRefreshTellsTheConnectingUserAndAdminsThatTheMetaTokenExpired_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User ana = TestJwts.newUser(owner.workspaceId(), "member");
        User otherMember = TestJwts.newUser(owner.workspaceId(), "member");
        User outsider = TestJwts.newUser(UUID.randomUUID().toString(), "owner");

        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), ana.userId(), "Ana Buyer", Duration.ZERO);

        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).size() == 1);
        Map<String, Object> n = Bell.list(owner).get(0);
        assertThat(n).containsEntry("type", "TOKEN_EXPIRED").containsEntry("title", "Token expired").containsEntry("platform", "meta")
                .containsEntry("link", "/connect/meta").containsEntry("readAt", null).containsEntry("resolvedAt", null);
        assertThat((String) n.get("body")).startsWith("Meta:").contains("Ana Buyer").contains("Reconnect");
        assertThat(Bell.list(ana)).extracting(m -> m.get("notificationId")).containsExactly(n.get("notificationId"));
        assertThat(Bell.unread(owner)).isEqualTo(1);
        assertThat(Bell.list(otherMember)).isEmpty();
        assertThat(Bell.list(outsider)).isEmpty();
        assertThat(Bell.unread(outsider)).isZero();
        assertThat(Bell.unread(otherMember)).isZero();
        Bell.read(outsider, n.get("notificationId")).then().statusCode(404).body("error", equalTo("not_found"));
        Bell.readAll(outsider).then().statusCode(204);
        assertThat(Bell.unread(owner)).as("another workspace's read-all changes nothing here").isEqualTo(1);
        Bell.read(otherMember, n.get("notificationId")).then().statusCode(404);
    }

    @Test
    void aFailedIntegrationOrOtherPlatformIsNamedByItsDisplayNameAndLinksToItsReconnect_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String credential = UUID.randomUUID().toString();
        events.tokenStatusOf("google-drive", credential, "TOKEN_EXPIRED", owner.workspaceId(), credential, owner.userId(), "Finance Drive",
                Duration.ZERO);

        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).size() == 1);
        Map<String, Object> n = Bell.list(owner).get(0);
        assertThat(n).containsEntry("platform", "google-drive").containsEntry("link", "/connect/google-drive");
        assertThat((String) n.get("body")).startsWith("Google Drive: the connection of Finance Drive has expired.");
    }

    @Test
    void aDuplicatedOrRepeatedFailureMakesOneNotification_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String credential = UUID.randomUUID().toString();
        String first = events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ZERO);
        events.publish("token-status", credential, first);
        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ZERO);
        String marker = UUID.randomUUID().toString();
        events.tokenStatusKeyed(credential, "TOKEN_EXPIRING", owner.workspaceId(), marker, owner.userId(), "Marker", Duration.ofDays(5));

        // the marker shares the repeats' key, so it is applied after them
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).size() == 2);
        assertThat(Bell.list(owner)).extracting(m -> m.get("type")).containsExactlyInAnyOrder("TOKEN_EXPIRED", "TOKEN_EXPIRING");
    }

    @Test
    void anExpiringTokenNamesThePlatformAndTheTimeLeft_N2() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        events.tokenStatus("TOKEN_EXPIRING", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "Ana Buyer",
                Duration.ofDays(5).plusHours(3));

        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).size() == 1);
        Map<String, Object> n = Bell.list(owner).get(0);
        assertThat(n).containsEntry("type", "TOKEN_EXPIRING").containsEntry("title", "Meta token expires in 5 days");
        assertThat((String) n.get("body")).contains("Ana Buyer").contains("5 days");
    }

    @Test
    void aReconnectResolvesTheAlertsRaisedBeforeItAndTheUnreadCountDrops_N4() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String credential = UUID.randomUUID().toString();
        events.tokenStatus("TOKEN_EXPIRING", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ofDays(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 1);
        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).size() == 2);
        assertThat(Bell.unread(owner)).as("an expired token makes its expiring warning moot").isEqualTo(1);

        events.tokenStatus("TOKEN_RECONNECTED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ofDays(60));

        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 0);
        assertThat(Bell.list(owner)).allSatisfy(n -> assertThat(n.get("resolvedAt")).isNotNull());
        given().header("Authorization", owner.bearer()).get("/api/v1/notifications?unread=true").then().body("size()", equalTo(0));
    }

    @Test
    void aRefreshAnswersADelayedRefreshWarningButNotAForcedReauthorizationAhead_N2_N4() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String rateLimited = UUID.randomUUID().toString();
        events.tokenStatusFor("RATE_LIMITED", "TOKEN_EXPIRING", owner.workspaceId(), rateLimited, owner.userId(), Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 1);
        events.tokenStatusFor(null, "TOKEN_REFRESHED", owner.workspaceId(), rateLimited, owner.userId(), Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 0);

        User other = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String dataAccessEnds = UUID.randomUUID().toString();
        events.tokenStatusFor("DATA_ACCESS_EXPIRING", "TOKEN_EXPIRING", other.workspaceId(), dataAccessEnds, other.userId(),
                Duration.ofDays(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(other) == 1);
        events.tokenStatusFor(null, "TOKEN_REFRESHED", other.workspaceId(), dataAccessEnds, other.userId(), Duration.ofDays(3));
        // same key, so it is applied after the refresh: once it shows, the refresh has been applied too
        events.tokenStatusOf("google-ads", dataAccessEnds, "TOKEN_EXPIRED", other.workspaceId(), UUID.randomUUID().toString(),
                other.userId(), "Bo", Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(other).size() == 2);
        assertThat(Bell.list(other)).filteredOn(n -> "TOKEN_EXPIRING".equals(n.get("type")))
                .singleElement().satisfies(n -> assertThat(n.get("resolvedAt")).isNull());

        events.tokenStatusFor(null, "TOKEN_RECONNECTED", other.workspaceId(), dataAccessEnds, other.userId(), Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(other) == 1);
    }

    @Test
    void manyMetaTokensFailingWithinMinutesMakeOneGroupedNotificationWithACount_N6() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        List<String> credentials = java.util.stream.IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (int i = 0; i < credentials.size(); i++) {
            events.tokenStatusKeyed(owner.workspaceId(), "TOKEN_EXPIRED", owner.workspaceId(), credentials.get(i), owner.userId(),
                    "Buyer " + i, Duration.ZERO);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !Bell.list(owner).isEmpty()
                && ((Number) Bell.list(owner).get(0).get("count")).intValue() == 25);
        List<Map<String, Object>> bell = Bell.list(owner);
        assertThat(bell).hasSize(1);
        assertThat((String) bell.get(0).get("body")).startsWith("Meta: 25 connections have expired (Buyer 0, Buyer 1, Buyer 2 and 22 more)");
        assertThat(Bell.unread(owner)).isEqualTo(1);

        // reconnecting some lowers the count; the last one resolves it
        for (int i = 0; i < 24; i++) {
            events.tokenStatusKeyed(owner.workspaceId(), "TOKEN_RECONNECTED", owner.workspaceId(), credentials.get(i), owner.userId(),
                    "Buyer " + i, Duration.ofDays(60));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) Bell.list(owner).get(0).get("count")).intValue() == 1);
        assertThat((String) Bell.list(owner).get(0).get("body")).contains("the connection of Buyer 24 has expired");
        events.tokenStatus("TOKEN_RECONNECTED", owner.workspaceId(), credentials.get(24), owner.userId(), "Buyer 24", Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(owner).get(0).get("resolvedAt") != null);
    }

    @Test
    void readAndReadAllClearTheUnreadCountForThisUserOnly() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User admin = TestJwts.newUser(owner.workspaceId(), "admin");
        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "Ana", Duration.ZERO);
        events.syncFailed(owner.workspaceId(), UUID.randomUUID().toString(), "HTTP 500");
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 2);

        Object first = Bell.list(owner).get(0).get("notificationId");
        Bell.read(owner, first).then().statusCode(204);
        assertThat(Bell.unread(owner)).isEqualTo(1);
        Bell.readAll(owner).then().statusCode(204);
        assertThat(Bell.unread(owner)).isZero();
        assertThat(Bell.list(owner)).allSatisfy(n -> assertThat(n.get("readAt")).isNotNull());
        assertThat(Bell.unread(admin)).isEqualTo(2);
        Bell.read(owner, "not-a-uuid").then().statusCode(404);
        given().get("/api/v1/notifications").then().statusCode(401).body("error", equalTo("unauthorized"));
    }
}
