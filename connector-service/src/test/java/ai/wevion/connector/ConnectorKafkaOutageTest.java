package ai.wevion.connector;

import static ai.wevion.connector.ConnectorApi.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.connector.TokenEvents.Account;
import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TestInfra;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Nothing lost: sync requests made while the broker is down go out once it is back, and consuming resumes (outbox). */
@QuarkusTest
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class ConnectorKafkaOutageTest {

    private final TokenEvents tokens = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void brokerIsBack() {
        MutableClock.reset();
        TestInfra.startKafka();
    }

    @Test
    void syncRequestsMadeDuringABrokerOutageAreDeliveredAfterItRestarts_C1_C8() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ana = UUID.randomUUID().toString();
        Account forced = Account.random();
        Account scheduled = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), ana, "ACTIVE", null, List.of(forced, scheduled));
        await().atMost(Duration.ofSeconds(5)).until(() -> "green".equals(ConnectorApi.metaConnector(owner).get("badge")));

        try (TopicProbe requests = new TopicProbe("sync-requests")) {
            TestInfra.stopKafka();
            ConnectorApi.forceSync(owner, forced.adAccountId()).then().statusCode(202);
            MutableClock.advance(Duration.ofMinutes(16));
            assertThat(ConnectorApi.schedule()).isGreaterThanOrEqualTo(1);
            TestInfra.startKafka();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<String> seen = requests.events();
                assertThat(ofType(seen, "SYNC_REQUESTED", forced.adAccountId())).extracting(e -> e.getString("trigger"))
                        .contains("FORCED");
                assertThat(ofType(seen, "SYNC_REQUESTED", scheduled.adAccountId())).isNotEmpty();
            });
        }

        // consuming resumes too: the next token-status event turns the card yellow
        tokens.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), ana, "EXPIRED", "PASSWORD_CHANGED", List.of(forced, scheduled));
        await().atMost(Duration.ofSeconds(30)).until(() -> "yellow".equals(ConnectorApi.metaConnector(owner).get("badge")));
    }
}
