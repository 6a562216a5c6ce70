package ai.wevion.connector.event;

/** The types of sync-requests events (docs/events/sync-requests.schema.json); a test keeps them equal to the schema's. */
public enum SyncRequestType {
    SYNC_REQUESTED
}
