package ai.wevion.notification.event;

/** The types of token-status events (docs/events/token-status.schema.json); a test keeps them equal to the schema's. */
public enum TokenStatusType {
    TOKEN_CONNECTED,
    TOKEN_RECONNECTED,
    TOKEN_REFRESHED,
    TOKEN_REFRESH_DEFERRED,
    TOKEN_EXPIRING,
    TOKEN_EXPIRED,
    PLATFORM_USER_ARCHIVED,
    PLATFORM_USER_DISCONNECTED
}
