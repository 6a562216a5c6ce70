package ai.wevion.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.SseStream;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bell's stream as a browser's EventSource opens it: a one-time ticket, a heartbeat, an end with the session. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class BrowserStreamTest {

    @Test
    void aBrowserOpensTheBellWithAOneTimeTicketAndHearsTheHeartbeat_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        Response issued = given().header("Authorization", owner.bearer()).post("/api/v1/notifications/stream-ticket");
        issued.then().statusCode(201);
        String ticket = issued.path("ticket");
        assertThat(Instant.parse(issued.path("expiresAt"))).isBefore(Instant.now().plusSeconds(31));

        try (SseStream tab = new SseStream(SseClient.STREAM + "?ticket=" + ticket, Map.of())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> tab.last() != null);
            assertThat(tab.last().name()).isEqualTo("notification");
            assertThat(tab.last().data().getInt("unreadCount")).isZero();
            // a comment line at a fixed interval (1 s in tests, 15 s by default) keeps gateways from cutting it
            await().atMost(Duration.ofSeconds(5)).until(() -> tab.comments() >= 2);
            assertThat(tab.ended()).isFalse();

            // the ticket opened one stream; it opens no second one
            given().queryParam("ticket", ticket).get("/api/v1/notifications/stream").then().statusCode(401)
                    .contentType("application/json").body("error", org.hamcrest.Matchers.equalTo("invalid_ticket"));
        }
        // nor does a ticket for another stream, or none at all
        String other = given().header("Authorization", owner.bearer()).post("/api/v1/notifications/stream-ticket").path("ticket");
        given().queryParam("ticket", other).get("/api/v1/notifications").then().statusCode(401);
        given().get("/api/v1/notifications/stream").then().statusCode(401);
    }

    @Test
    void logoutEndsEveryOpenStreamOfThatSessionWithinASecond_A3_A4() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "member");
        User colleague = TestJwts.newUser(ana.workspaceId(), "member");
        String ticket = given().header("Authorization", ana.bearer()).post("/api/v1/notifications/stream-ticket").path("ticket");
        try (SseStream byTicket = new SseStream(SseClient.STREAM + "?ticket=" + ticket, Map.of());
                SseClient byHeader = new SseClient(ana.bearer(), null);
                SseClient other = new SseClient(colleague.bearer(), null);
                TopicWriter sessionEvents = new TopicWriter()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> byTicket.last() != null && byHeader.last() != null && other.last() != null);

            sessionEvents.send("session-events", ana.userId(), "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"USER_LOGGED_OUT\","
                    + "\"occurredAt\":\"" + Instant.now() + "\",\"workspaceId\":\"" + ana.workspaceId() + "\",\"userId\":\""
                    + ana.userId() + "\",\"sessionId\":\"" + ana.sessionId() + "\"}");

            for (SseStream tab : new SseStream[] {byTicket, byHeader}) {
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(tab::ended);
                assertThat(tab.last().name()).isEqualTo("end");
                assertThat(tab.last().data().getString("reason")).isEqualTo("logged_out");
            }
            assertThat(other.ended()).as("another session's stream goes on").isFalse();
        }
    }

    @Test
    void aStreamEndsWhenTheJwtBehindItsTicketExpires_A2() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "member");
        String ticket = given().header("Authorization", "Bearer " + TestJwts.sessionExpiringIn(ana, 3))
                .post("/api/v1/notifications/stream-ticket").path("ticket");
        try (SseStream tab = new SseStream(SseClient.STREAM + "?ticket=" + ticket, Map.of())) {
            await().atMost(Duration.ofSeconds(6)).until(tab::ended);
            assertThat(tab.last().name()).isEqualTo("end");
            assertThat(tab.last().data().getString("reason")).isEqualTo("token_expired");
        }
    }

    @Test
    void theBellComesAPageAtATimeWithACursor_N1() {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        given().header("Authorization", owner.bearer()).queryParam("limit", 0).get("/api/v1/notifications")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_limit"));
        Response first = given().header("Authorization", owner.bearer()).queryParam("limit", 5).get("/api/v1/notifications");
        first.then().statusCode(200);
        assertThat(first.getHeader("X-Next-Cursor")).as("one page holds them all").isNull();
    }
}
