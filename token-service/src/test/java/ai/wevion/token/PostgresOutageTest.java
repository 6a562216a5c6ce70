package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestInfra;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart, as an operator's or a failover's: answers say "try
 * again" (503 with Retry-After, no stack trace), readiness goes down and comes
 * back by itself, and the refresh job picks up where it stopped (T3).
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class PostgresOutageTest extends EmptyTokenTables {

    private static final long DAY = 86_400;

    @AfterEach
    void databaseIsBack() {
        TestInfra.startPostgres();
    }

    @Test
    void whileTheDatabaseIsDownAnswersAre503WithRetryAfterAndReadinessIsDownThenEverythingResumes_T3() {
        User owner = TokenApi.owner();
        String sim = TokenApi.metaUser("Through the outage", 3 * DAY);
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");

        TestInfra.stopPostgres();
        try {
            for (Response answer : new Response[] {TokenApi.platformUsers(owner), TokenApi.sweep(), TokenApi.credential(id)}) {
                answer.then().statusCode(503).body("error", equalTo("database_unavailable"));
                assertThat(answer.header("Retry-After")).isEqualTo("5");
                assertThat(answer.asString()).doesNotContain("Exception").doesNotContain("\tat ");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        } finally {
            TestInfra.startPostgres();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TokenApi.platformUsers(owner).statusCode() == 200);
        // the sweep asked for during the outage did nothing; the next one refreshes the due token once
        assertThat(ProviderSimulator.calls("meta", "exchange", sim)).isEqualTo(1);
        TokenApi.sweep().then().statusCode(200).body("refreshed", equalTo(1));
        assertThat(ProviderSimulator.calls("meta", "exchange", sim)).isEqualTo(2);
        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "ACTIVE");
    }
}
