package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
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
    void brokerIsBack() throws Exception {
        infra("kafka-start");
    }

    @Test
    void aForcedLogoutDuringABrokerOutageReachesSessionEventsAfterTheBrokerReturns_A4() throws Exception {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        try (SessionEventsProbe events = new SessionEventsProbe()) {
            infra("kafka-stop");
            given().header("Authorization", owner.bearer())
                    .post("/api/v1/admin/users/" + member.userId() + "/logout").then().statusCode(204);
            AuthApi.refresh(member.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));
            infra("kafka-start");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains("SESSION_REVOKED") && e.contains(member.userId())));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    AuthApi.me(member.jwt()).then().statusCode(401).body("error", equalTo("session_expired")));
        }
    }

    private static void infra(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("../scripts/infra.sh", action, "test").inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("scripts/infra.sh " + action + " test failed");
        }
    }
}
