package ai.wevion.connector.health.service;

import java.time.Duration;
import java.time.Instant;

/** When the projection must be rebuilt from token-service's state, and as of when a state read there counts. */
public final class ReconcileRules {

    private ReconcileRules() {
    }

    /**
     * Whether events of a partition were deleted before this service read
     * them: its committed offset is below the log's start, or it has none
     * while the log no longer starts at 0 (Kafka's retention went first).
     */
    public static boolean eventsLost(Long committed, long logStart) {
        return committed == null ? logStart > 0 : committed < logStart;
    }

    /**
     * A state token-service read at {@code observedAt} holds every change
     * committed {@code margin} before it (its transactions are shorter), so it
     * counts as an event at that moment: an event applied later wins, and one
     * that was still committing is applied again when it arrives.
     */
    public static Instant asOf(Instant observedAt, Duration margin) {
        return observedAt.minus(margin);
    }
}
