package ai.wevion.token.event;

/** A platform user's state as the console shows it: green, yellow ("Token expired"), or kept for the record. */
public enum PlatformUserStatus {
    ACTIVE,
    EXPIRED,
    ARCHIVED
}
