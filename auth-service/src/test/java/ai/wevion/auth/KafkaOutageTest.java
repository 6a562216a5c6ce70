package ai.wevion.auth;

import ai.wevion.testing.TestInfra;
import ai.wevion.testing.TopicProbe;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost: a session ended while the broker is down is still announced
 * once it is back (transactional outbox), and other services then refuse it.
 * Stops and starts the real test broker through scripts/infra.sh.
 */
@QuarkusTest
class KafkaOutageTest {

    @AfterEach
    void brokerIsBack() {
        TestInfra.startKafka();
    }

    @Test
    void aForcedLogoutDuringABrokerOutageReachesSessionEventsAfterTheBrokerReturns_A4() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        try (TopicProbe events = new TopicProbe("session-events")) {
            TestInfra.stopKafka();
            given().header("Authorization", owner.bearer())
                    .post("/api/v1/admin/users/" + member.userId() + "/logout").then().statusCode(204);
            AuthApi.refresh(member.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));
            TestInfra.startKafka();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains("SESSION_REVOKED") && e.contains(member.userId())));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    AuthApi.me(member.jwt()).then().statusCode(401).body("error", equalTo("session_expired")));
        }
    }
}
