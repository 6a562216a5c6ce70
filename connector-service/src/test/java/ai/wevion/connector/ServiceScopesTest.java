package ai.wevion.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.TestJwts;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Least privilege (issue 14, point 1; C5): the gate answers clients holding
 * {@code gate:read}, the scheduler trigger those holding
 * {@code sync-schedule:run}, and connector-service takes only JWTs meant for it.
 */
@QuarkusTest
class ServiceScopesTest {

    private static final String GATE = "/internal/v1/ad-accounts/" + UUID.randomUUID() + "/gate?action=publish";

    @Test
    void theRulesEngineAndTheCampaignPublisherMayAskTheGateAndAreToldTheAccountIsUnknown_C5() {
        for (String client : new String[] {"rules-engine", "campaign-publisher"}) {
            given().header("Authorization", "Bearer " + TestJwts.service(client)).get(GATE).then().statusCode(404);
        }
    }

    @Test
    void theSchedulerMayNotAskTheGateAndTheRulesEngineMayNotRunTheScheduler_C5() {
        given().header("Authorization", "Bearer " + TestJwts.service("scheduler")).get(GATE)
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().header("Authorization", "Bearer " + TestJwts.service("rules-engine")).post("/internal/v1/sync-schedule")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void aJwtMeantForTokenServiceIsRefusedHereAsInvalid_C5() {
        given().header("Authorization", "Bearer " + TestJwts.service("sync-worker")).get(GATE)
                .then().statusCode(401).body("error", equalTo("invalid_token"));
    }
}
