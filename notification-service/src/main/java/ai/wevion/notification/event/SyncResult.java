package ai.wevion.notification.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * sync-results, as the sync workers publish it (C7). A type this service
 * does not know reads as null, and the event is skipped like one without a
 * type.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncResult(String eventId,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) SyncResultType type,
        Instant occurredAt, String workspaceId, String requestId, String adAccountId, Instant syncedUntil, String error) {

    public static final String TOPIC = "sync-results";
}
