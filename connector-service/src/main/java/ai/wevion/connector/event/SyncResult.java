package ai.wevion.connector.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;

/** sync-results, as the sync workers publish it (C7); an unknown type reads as null and counts as not completed, as before. */
public record SyncResult(String eventId,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) SyncResultType type,
        Instant occurredAt, String workspaceId, String requestId, String adAccountId, Instant syncedUntil) {

    public static final String TOPIC = "sync-results";

    public boolean completed() {
        return type == SyncResultType.SYNC_COMPLETED;
    }
}
