package ai.wevion.connector.event;

import java.time.Instant;
import java.util.UUID;

/** connector-status: what may be done on an ad account changed (C5), for the rules engine. */
public record ConnectorStatus(String eventId, ConnectorStatusType type, Instant occurredAt, String workspaceId, String adAccountId,
        Gates gates, GateReason reason) {

    public static final String TOPIC = "connector-status";

    public record Gates(boolean sync, boolean publish, boolean edit, boolean rules) {
        /** Every action is allowed or refused alike: the gates follow the token's health, not the action (C5). */
        public static Gates all(boolean open) {
            return new Gates(open, open, open, open);
        }
    }

    /** The account's gates opened or closed; a closed gate says why. */
    public static ConnectorStatus gateChanged(Instant now, UUID workspaceId, UUID adAccountId, boolean open) {
        return new ConnectorStatus(UUID.randomUUID().toString(), ConnectorStatusType.AD_ACCOUNT_GATE_CHANGED, now,
                workspaceId.toString(), adAccountId.toString(), Gates.all(open), open ? null : GateReason.TOKEN_EXPIRED);
    }
}
