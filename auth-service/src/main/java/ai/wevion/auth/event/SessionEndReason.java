package ai.wevion.auth.event;

/** Why a session ended: kept on the session row and sent as the event's {@code reason}. */
public enum SessionEndReason {
    LOGGED_OUT,
    FORCED_LOGOUT,
    /** A refresh secret was used twice: someone else holds a copy, so the session dies (A2). */
    SECRET_REUSED,
    /** An admin acting as a member ends the admin's own session (A5). */
    IMPERSONATION_STARTED,
    /** An admin removed the user from the workspace, or they left it (teams). */
    MEMBER_REMOVED,
    /** The user's role in the workspace changed: their JWTs carry the old one, so their sessions there end. */
    ROLE_CHANGED,
    /** The browser moved to another of the user's workspaces: a new session opened there. */
    WORKSPACE_SWITCHED
}
