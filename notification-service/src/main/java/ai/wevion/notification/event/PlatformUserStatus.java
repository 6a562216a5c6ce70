package ai.wevion.notification.event;

/** A platform user's status in token-status events; a test keeps it equal to the schema's. */
public enum PlatformUserStatus {
    ACTIVE,
    EXPIRED,
    ARCHIVED
}
