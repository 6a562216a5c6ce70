package ai.wevion.connector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.connector.TokenEvents.Account;
import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.SseStream;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cards and banners, live: what a page shows turns yellow and green again without a reload (C2–C4). */
@QuarkusTest
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class CardStreamTest {

    private static final String STREAM = "http://127.0.0.1:18083/api/v1/connectors/stream";

    private final TokenEvents tokens = new TokenEvents();

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @Test
    void theCardTurnsYellowWithTheBannerThenGreenAgainInThePageWithinASecond_C2_C3_C4() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String ws = owner.workspaceId();
        String ana = UUID.randomUUID().toString();
        Account account = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", ws, ana, "ACTIVE", null, List.of(account));
        await().atMost(Duration.ofSeconds(5)).until(() -> "green".equals(ConnectorApi.metaConnector(owner).get("badge")));

        try (SseStream page = new SseStream(STREAM + "?ticket=" + ticket(owner), Map.of())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> page.last() != null);
            assertThat(page.last().name()).isEqualTo("connectors");
            assertThat(meta(page.last().data())).containsEntry("badge", "green");
            assertThat(page.last().data().getList("banners")).isEmpty();

            tokens.tokenStatus("TOKEN_EXPIRED", ws, ana, "EXPIRED", "PASSWORD_CHANGED", List.of(account));
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "yellow".equals(meta(page.last().data()).get("badge")));
            JsonPath yellow = page.last().data();
            assertThat(yellow.getString("connectors.find { it.platform == 'meta' }.platformUsers[0].message"))
                    .isEqualTo("Token expired — Reconnect");
            assertThat(yellow.getString("banners[0].message")).isEqualTo("Meta connection needs attention");
            String seen = page.last().id();

            tokens.tokenStatus("TOKEN_RECONNECTED", ws, ana, "ACTIVE", null, List.of(account));
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> "green".equals(meta(page.last().data()).get("badge")));
            assertThat(page.last().data().getList("banners")).isEmpty();

            // a page that reconnects with the version it has gets nothing until something changes
            Map<String, String> resume = Map.of("Authorization", owner.bearer(), "Last-Event-ID", page.last().id());
            try (SseStream again = new SseStream(STREAM, resume)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> again.comments() >= 1);
                assertThat(again.events()).isEmpty();
            }
            assertThat(seen).isNotEqualTo(page.last().id());
        }
    }

    @Test
    void anotherWorkspacesChangesNeverReachThePageAndLogoutEndsIt_A3() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User stranger = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        try (SseStream page = new SseStream(STREAM + "?ticket=" + ticket(owner), Map.of()); TopicWriter sessionEvents = new TopicWriter()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> page.last() != null);
            tokens.tokenStatus("TOKEN_CONNECTED", stranger.workspaceId(), UUID.randomUUID().toString(), "ACTIVE", null,
                    List.of(Account.random()));
            await().atMost(Duration.ofSeconds(5)).until(() -> "green".equals(ConnectorApi.metaConnector(stranger).get("badge")));
            assertThat(page.events()).hasSize(1);
            assertThat(meta(page.last().data())).containsEntry("badge", "grey");

            sessionEvents.send("session-events", owner.userId(), "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SESSION_REVOKED\","
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"workspaceId\":\"" + owner.workspaceId() + "\",\"userId\":\""
                    + owner.userId() + "\",\"sessionId\":\"" + owner.sessionId() + "\"}");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(page::ended);
            assertThat(page.last().name()).isEqualTo("end");
            assertThat(page.last().data().getString("reason")).isEqualTo("logged_out");
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndAnyOtherOriginIsRefused() {
        Response allowed = given().header("Origin", "http://127.0.0.1:8080").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization").options("/api/v1/connectors");
        allowed.then().statusCode(200);
        assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("http://127.0.0.1:8080");
        assertThat(allowed.getHeader("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(allowed.getHeader("Access-Control-Max-Age")).isEqualTo("86400");
        assertThat(allowed.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Response refused = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/connectors");
        assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private static String ticket(User user) {
        return given().header("Authorization", user.bearer()).post("/api/v1/connectors/stream-ticket")
                .then().statusCode(201).extract().path("ticket");
    }

    private static Map<String, Object> meta(JsonPath snapshot) {
        return snapshot.getMap("connectors.find { it.platform == 'meta' }");
    }
}
