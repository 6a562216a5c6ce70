package ai.wevion.authclient.event;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.EventContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the session check reads of session-events, and what it ignores (A3, A4). */
class SessionEndedTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void theClientKnowsEveryDocumentedTypeThatEndsASession_A3() {
        EventContract.assertTypesMatch("session-events", SessionEnded.Type.class);
    }

    @Test
    void aLogoutEndsItsSessionFromTheMomentItHappened_A3() throws Exception {
        SessionEnded event = json.readValue("""
                {"eventId":"e1","type":"USER_LOGGED_OUT","occurredAt":"2026-12-02T10:00:00Z","workspaceId":"w",
                 "userId":"u","sessionId":"s1","reason":"LOGGED_OUT"}""", SessionEnded.class);

        assertThat(event.endsASession()).isTrue();
        assertThat(event.sessionId()).isEqualTo("s1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void aTypeThisClientDoesNotKnowEndsNothing_A4() throws Exception {
        SessionEnded event = json.readValue("""
                {"eventId":"e2","type":"SESSION_EXTENDED","occurredAt":"2026-12-02T10:00:00Z","sessionId":"s1"}""",
                SessionEnded.class);

        assertThat(event.type()).isNull();
        assertThat(event.endsASession()).isFalse();
    }

    @Test
    void anEventWithoutASessionEndsNothing_A4() throws Exception {
        SessionEnded event = json.readValue("""
                {"eventId":"e3","type":"SESSION_REVOKED","occurredAt":"2026-12-02T10:00:00Z"}""", SessionEnded.class);

        assertThat(event.endsASession()).isFalse();
    }
}
