package ai.wevion.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestInfra;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nothing lost: refreshes done while the broker is down are announced once it is back (outbox). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class TokenKafkaOutageTest extends EmptyTokenTables {

    @AfterEach
    void brokerIsBack() {
        MutableClock.reset();
        TestInfra.startKafka();
    }

    @Test
    void everyEventOfASweepDuringABrokerOutageIsDeliveredAfterItRestarts_T11() {
        User owner = TokenApi.owner();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add((String) TokenApi.connect(owner, TokenApi.metaUser("Outage " + i, 5183944)).get("platformUserId"));
        }
        MutableClock.advance(Duration.ofDays(57));

        try (TopicProbe events = new TopicProbe("token-status")) {
            TestInfra.stopKafka();
            TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(10));
            TestInfra.startKafka();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(ids).allMatch(id -> events.events().stream()
                            .anyMatch(e -> e.contains("\"TOKEN_REFRESHED\"") && e.contains(id))));
        }
    }
}
