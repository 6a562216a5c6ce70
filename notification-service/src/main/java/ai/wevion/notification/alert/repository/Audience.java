package ai.wevion.notification.alert.repository;

/** Who sees a notification (column {@code notification.audience}). */
public enum Audience {
    /** the users who connected one of its subjects, and the workspace's admins and owners */
    CONNECTORS_AND_ADMINS,
    /** every member of the workspace */
    WORKSPACE
}
