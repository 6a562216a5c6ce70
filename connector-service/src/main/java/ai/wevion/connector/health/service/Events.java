package ai.wevion.connector.health.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events connector-service reads and writes (docs/events); its own copies of the contract. */
public final class Events {

    private Events() {
    }

    /** token-status, as token-service publishes it. */
    public record TokenStatus(String eventId, String type, Instant occurredAt, String workspaceId, String platform,
            String platformUserId, String externalUserId, String displayName, String status, Instant expiresAt,
            String reason, List<AdAccountRef> adAccounts) {
    }

    public record AdAccountRef(String adAccountId, String externalId, String name) {
    }

    /** sync-results, as the sync workers publish it. */
    public record SyncResult(String eventId, String type, Instant occurredAt, String workspaceId, String requestId,
            String adAccountId, Instant syncedUntil) {
    }

    public record Gates(boolean sync, boolean publish, boolean edit, boolean rules) {
        public static Gates all(boolean open) {
            return new Gates(open, open, open, open);
        }
    }

    /** connector-status: what may be done on an ad account changed (C5). */
    public record GateChanged(String eventId, String type, Instant occurredAt, String workspaceId, String adAccountId,
            Gates gates, String reason) {
        public static final String TOPIC = "connector-status";

        public static GateChanged of(Instant now, UUID workspaceId, UUID adAccountId, boolean open, String reason) {
            return new GateChanged(UUID.randomUUID().toString(), "AD_ACCOUNT_GATE_CHANGED", now, workspaceId.toString(),
                    adAccountId.toString(), Gates.all(open), reason);
        }
    }

    /** sync-requests: sync this window through this platform user (C1, C7, C8). */
    public record SyncRequested(String eventId, String type, Instant occurredAt, String workspaceId, String requestId,
            String adAccountId, String platformUserId, Instant from, Instant to, String trigger) {
        public static final String TOPIC = "sync-requests";
    }
}
