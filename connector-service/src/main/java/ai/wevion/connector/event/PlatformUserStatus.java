package ai.wevion.connector.event;

/** A platform user's status in token-status events and in table {@code platform_user}; a test keeps it equal to the schema's. */
public enum PlatformUserStatus {
    ACTIVE,
    EXPIRED,
    ARCHIVED
}
