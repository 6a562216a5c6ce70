package ai.wevion.connector.event;

/** Why a window is requested (sync-requests {@code trigger}, table {@code sync_request}); a test keeps it equal to the schema's. */
public enum SyncTrigger {
    /** every 15 minutes (C1) */
    SCHEDULED,
    /** Force sync (C8) */
    FORCED,
    /** the gap after a reconnect (C7) */
    BACKFILL
}
