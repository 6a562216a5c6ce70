package ai.wevion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bell's live stream: every open tab hears of new and changed notifications at once, and a reconnect loses nothing. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class BellStreamTest {

    private final TokenEvents events = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @Test
    void everyOpenTabReceivesANewNotificationWithinASecondOfTheEvent_N1() {
        // the 1-second bound is for a running service: the first event of each partition sets up its offset tracking first
        User warmUp = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        for (String key : events.keyPerPartition()) {
            events.tokenStatusKeyed(key, "TOKEN_EXPIRED", warmUp.workspaceId(), UUID.randomUUID().toString(), warmUp.userId(), "Warm",
                    Duration.ZERO);
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> ((Number) Bell.list(warmUp).get(0).get("count")).intValue()
                == events.keyPerPartition().size());
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        try (SseClient tab1 = new SseClient(owner.bearer(), null); SseClient tab2 = new SseClient(owner.bearer(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> tab1.last() != null && tab2.last() != null);
            assertThat(tab1.last().data().getInt("unreadCount")).isZero();

            events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "Ana", Duration.ZERO);

            for (SseClient tab : new SseClient[] {tab1, tab2}) {
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> tab.last().data().get("notification") != null);
                assertThat(tab.last().data().getString("notification.title")).isEqualTo("Token expired");
                assertThat(tab.last().data().getInt("unreadCount")).isEqualTo(1);
            }

            // reading in one tab updates the count in the other
            Bell.read(owner, tab1.last().data().getString("notification.notificationId")).then().statusCode(204);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> tab2.last().data().getInt("unreadCount") == 0);
        }
    }

    @Test
    void aTabThatReconnectsWithLastEventIdReceivesWhatItMissed_N4() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String credential = UUID.randomUUID().toString();
        String lastSeen;
        try (SseClient tab = new SseClient(owner.bearer(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> tab.last() != null);
            events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ZERO);
            await().atMost(Duration.ofSeconds(5)).until(() -> tab.last().data().get("notification") != null);
            lastSeen = tab.last().id();
        }

        // while the tab is offline the user reconnects Meta in another device
        events.tokenStatus("TOKEN_RECONNECTED", owner.workspaceId(), credential, owner.userId(), "Ana", Duration.ofDays(60));
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 0);

        try (SseClient tab = new SseClient(owner.bearer(), lastSeen)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> tab.last() != null);
            assertThat(tab.events()).hasSize(1);
            assertThat(tab.last().data().getString("notification.resolvedAt")).isNotNull();
            assertThat(tab.last().data().getInt("unreadCount")).isZero();
            assertThat(Long.parseLong(tab.last().id())).isGreaterThan(Long.parseLong(lastSeen));
        }
    }

    @Test
    void aStreamOnlyCarriesWhatItsReaderMaySee() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User member = TestJwts.newUser(owner.workspaceId(), "member");
        User outsider = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        try (SseClient memberTab = new SseClient(member.bearer(), null); SseClient outsiderTab = new SseClient(outsider.bearer(), null);
                SseClient ownerTab = new SseClient(owner.bearer(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> memberTab.last() != null && outsiderTab.last() != null
                    && ownerTab.last() != null);
            events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "Ana", Duration.ZERO);
            events.syncFailed(owner.workspaceId(), UUID.randomUUID().toString(), "HTTP 500");

            await().atMost(Duration.ofSeconds(5)).until(() -> ownerTab.events().size() == 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> memberTab.events().size() == 2);
            assertThat(memberTab.last().data().getString("notification.type")).isEqualTo("SYNC_FAILED");
            assertThat(outsiderTab.events()).hasSize(1);
        }
    }
}
