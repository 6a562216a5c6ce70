package ai.wevion.auth.event;

/** What ended a session: the {@code type} of a {@code session-events} event (every service stops trusting its JWTs, A3, A4). */
public enum SessionEventType {
    /** The session was ended for the user: forced logout, a reused refresh secret, impersonation. */
    SESSION_REVOKED,
    /** The user logged out (every tab of that session). */
    USER_LOGGED_OUT
}
