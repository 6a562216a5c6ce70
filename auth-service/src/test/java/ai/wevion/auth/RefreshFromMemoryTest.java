package ai.wevion.auth;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import ai.wevion.auth.event.SessionEndReason;
import ai.wevion.auth.event.SessionEvent;
import ai.wevion.auth.event.SessionEventType;
import ai.wevion.testing.TopicWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A refresh answers from the replica's memory of live sessions (issue 15,
 * point 2) without weakening revocation (A2, A3): a session another replica
 * ended — its row and its session-events event, nothing else reaches this
 * replica — is refused by this one's refresh within a second.
 */
@QuarkusTest
class RefreshFromMemoryTest {

    @Inject
    Pool db;

    @Inject
    ObjectMapper json;

    @Test
    void aSessionEndedByAnotherReplicaIsRefusedHereWithinASecond_A2_A3() throws Exception {
        Login user = AuthApi.newWorkspaceOwner();
        AuthApi.refresh(user.cookie()).then().statusCode(200); // this replica now knows the session live
        String sessionId = (String) AuthApi.claims(user.jwt()).get("sid");

        // another replica logs the session out: its transaction ends the row and writes the event
        db.preparedQuery("update user_session set ended_at = now(), end_reason = 'LOGGED_OUT' where id = $1")
                .execute(Tuple.of(UUID.fromString(sessionId))).await().atMost(Duration.ofSeconds(5));
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(SessionEvent.TOPIC, user.userId(), json.writeValueAsString(SessionEvent.of(SessionEventType.USER_LOGGED_OUT,
                    Instant.now(), UUID.fromString(user.workspaceId()), UUID.fromString(user.userId()), UUID.fromString(sessionId),
                    SessionEndReason.LOGGED_OUT)));
        }

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                AuthApi.refresh(user.cookie()).then().statusCode(401).body("error", equalTo("session_expired")));
    }
}
