package ai.wevion.authclient.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * What the session check reads of a {@code session-events} event
 * (docs/events/session-events.schema.json): which session ended, and when.
 * A type this client does not know reads as null and ends nothing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionEnded(
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) Type type,
        String sessionId,
        Instant occurredAt) {

    public enum Type {
        SESSION_REVOKED,
        USER_LOGGED_OUT
    }

    /** Whether this event ends a session this client must refuse from now on. */
    public boolean endsASession() {
        return type != null && sessionId != null && occurredAt != null;
    }
}
