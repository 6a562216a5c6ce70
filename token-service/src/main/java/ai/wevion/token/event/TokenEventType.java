package ai.wevion.token.event;

/** What happened to a platform user's token: the {@code type} of a {@code token-status} event. */
public enum TokenEventType {
    TOKEN_CONNECTED,
    TOKEN_RECONNECTED,
    TOKEN_REFRESHED,
    TOKEN_REFRESH_DEFERRED,
    TOKEN_EXPIRING,
    TOKEN_EXPIRED,
    PLATFORM_USER_ARCHIVED,
    PLATFORM_USER_DISCONNECTED
}
