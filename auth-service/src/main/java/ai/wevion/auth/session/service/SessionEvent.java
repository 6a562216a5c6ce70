package ai.wevion.auth.session.service;

import java.time.Instant;
import java.util.UUID;

/** An event on {@code session-events} (docs/events/session-events.schema.json); keyed by userId. */
public record SessionEvent(
        String eventId,
        String type,
        Instant occurredAt,
        String workspaceId,
        String userId,
        String sessionId,
        String reason) {

    public static final String TOPIC = "session-events";
    /** The user logged out (every tab of that session). */
    public static final String USER_LOGGED_OUT = "USER_LOGGED_OUT";
    /** The session was ended for the user: forced logout, stolen cookie, impersonation. */
    public static final String SESSION_REVOKED = "SESSION_REVOKED";

    static SessionEvent of(String type, Instant now, UUID workspaceId, UUID userId, UUID sessionId, String reason) {
        return new SessionEvent(UUID.randomUUID().toString(), type, now, workspaceId.toString(), userId.toString(),
                sessionId.toString(), reason);
    }
}
