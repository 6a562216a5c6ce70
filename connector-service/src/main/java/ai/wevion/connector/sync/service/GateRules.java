package ai.wevion.connector.sync.service;

import ai.wevion.connector.event.GateReason;
import ai.wevion.connector.event.TokenStatusType;
import java.util.UUID;

/** What an account's gates say, from the healthy users covering it (C5, C6, C7). Pure: no I/O. */
public final class GateRules {

    /** What a closed gate and a refused Force sync say. */
    public static final String TOKEN_EXPIRED = "Token expired";
    static final String SYNCING = "SYNCING";
    static final String STOPPED = "STOPPED";

    private GateRules() {
    }

    /** Open through the healthy user covering the account, if any; closed, "Token expired", when none does. */
    public static Gate answer(UUID healthyUser) {
        return healthyUser != null
                ? new Gate(true, healthyUser.toString(), null, null)
                : new Gate(false, null, GateReason.TOKEN_EXPIRED.name(), TOKEN_EXPIRED);
    }

    /** A gate that a reconnect reopened backfills the gap at once (C7); one reopened otherwise syncs on schedule. */
    public static boolean backfills(boolean open, TokenStatusType reopenedBy) {
        return open && reopenedBy == TokenStatusType.TOKEN_RECONNECTED;
    }

    /** An account syncs while its gate is open (C2, C8). */
    public static String syncStatus(boolean gateOpen) {
        return gateOpen ? SYNCING : STOPPED;
    }
}
