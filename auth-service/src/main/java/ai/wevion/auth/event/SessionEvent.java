package ai.wevion.auth.event;

import java.time.Instant;
import java.util.UUID;

/** An event on {@code session-events} (docs/events/session-events.schema.json); keyed by userId; never a secret. */
public record SessionEvent(
        String eventId,
        SessionEventType type,
        Instant occurredAt,
        String workspaceId,
        String userId,
        String sessionId,
        SessionEndReason reason) {

    public static final String TOPIC = "session-events";

    public static SessionEvent of(SessionEventType type, Instant now, UUID workspaceId, UUID userId, UUID sessionId,
            SessionEndReason reason) {
        return new SessionEvent(UUID.randomUUID().toString(), type, now, workspaceId.toString(), userId.toString(),
                sessionId.toString(), reason);
    }
}
