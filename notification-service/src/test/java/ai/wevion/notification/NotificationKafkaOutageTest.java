package ai.wevion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestInfra;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A broker outage delays alerts but loses none: the bell keeps answering, and consuming resumes where it stopped. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class NotificationKafkaOutageTest {

    private final TokenEvents events = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void brokerIsBack() {
        TestInfra.startKafka();
    }

    @Test
    void theBellAnswersDuringABrokerOutageAndAlertsArriveOnceItIsBack_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "Before", Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.unread(owner) == 1);

        TestInfra.stopKafka();
        assertThat(Bell.list(owner)).hasSize(1); // reads and read state need no broker
        Bell.readAll(owner).then().statusCode(204);
        TestInfra.startKafka();

        events.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), UUID.randomUUID().toString(), owner.userId(), "After", Duration.ZERO);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> Bell.unread(owner) == 1);
        assertThat(Bell.list(owner).get(0).get("count")).isEqualTo(2); // grouped with the first failure, unread again
    }
}
