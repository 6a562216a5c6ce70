package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.TestJwts;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Least privilege (issue 14, point 1; T2): a provider token goes only to a
 * client holding {@code credentials:read}, and token-service takes only JWTs
 * meant for it (docs/contracts/service-clients.json).
 */
@QuarkusTest
class ServiceScopesTest {

    private static final String ANY_USER = "/internal/v1/credentials/" + UUID.randomUUID();

    @Test
    void theSyncWorkerMayAskForATokenAndIsToldThereIsNone_T2() {
        given().header("Authorization", "Bearer " + TestJwts.service("sync-worker")).get(ANY_USER).then().statusCode(404);
    }

    @Test
    void theSchedulerMayRunTheRefreshJobButNeverReadsAToken_T2() {
        given().header("Authorization", "Bearer " + TestJwts.service("scheduler")).get(ANY_USER)
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().header("Authorization", "Bearer " + TestJwts.service("sync-worker")).post("/internal/v1/refresh-sweep")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void connectorServiceMayListEveryPlatformUsersStateButNeverReadsAToken_T2() {
        given().header("Authorization", "Bearer " + TestJwts.service("connector-service")).get("/internal/v1/platform-users")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + TestJwts.service("connector-service")).get(ANY_USER)
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
        given().header("Authorization", "Bearer " + TestJwts.service("sync-worker")).get("/internal/v1/platform-users")
                .then().statusCode(403).body("error", equalTo("insufficient_scope"));
    }

    @Test
    void aJwtMeantForAnotherServiceIsRefusedAsInvalid_T2() {
        for (String client : new String[] {"rules-engine", "notification-service"}) {
            given().header("Authorization", "Bearer " + TestJwts.service(client)).get(ANY_USER)
                    .then().statusCode(401).body("error", equalTo("invalid_token"));
        }
    }
}
