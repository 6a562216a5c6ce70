package ai.wevion.notification.event;

/** The types of sync-results events (docs/events/sync-results.schema.json); a test keeps them equal to the schema's. */
public enum SyncResultType {
    SYNC_COMPLETED,
    SYNC_FAILED
}
