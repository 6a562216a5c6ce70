package ai.wevion.notification.alert.repository;

/** What a notification is about (column {@code notification.type}): named after the event type that raises it. */
public enum AlertType {
    TOKEN_EXPIRED,
    TOKEN_EXPIRING,
    SYNC_FAILED;

    /** A token alert: seen by who connected the credential and the admins, and never sent through the bot (N3). */
    public boolean aboutAToken() {
        return this == TOKEN_EXPIRED || this == TOKEN_EXPIRING;
    }
}
