package ai.wevion.connector.event;

import java.time.Instant;
import java.util.UUID;

/** sync-requests: sync this window through this platform user (C1, C7, C8). */
public record SyncRequest(String eventId, SyncRequestType type, Instant occurredAt, String workspaceId, String requestId,
        String adAccountId, String platformUserId, Instant from, Instant to, SyncTrigger trigger) {

    public static final String TOPIC = "sync-requests";

    public static SyncRequest of(Instant now, UUID workspaceId, UUID requestId, UUID adAccountId, UUID platformUserId, Instant from,
            Instant to, SyncTrigger trigger) {
        return new SyncRequest(UUID.randomUUID().toString(), SyncRequestType.SYNC_REQUESTED, now, workspaceId.toString(),
                requestId.toString(), adAccountId.toString(), platformUserId.toString(), from, to, trigger);
    }
}
