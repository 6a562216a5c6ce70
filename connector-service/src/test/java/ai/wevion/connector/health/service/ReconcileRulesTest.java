package ai.wevion.connector.health.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When connector-service rebuilds its cards from token-service (issue 14, point 2; C1–C5). */
class ReconcileRulesTest {

    @Test
    void eventsDeletedBeforeTheyWereReadMeanTheProjectionMayBeWrong() {
        assertThat(ReconcileRules.eventsLost(10L, 25L)).as("committed below the log's start").isTrue();
        assertThat(ReconcileRules.eventsLost(null, 25L)).as("a new group on a topic that no longer starts at 0").isTrue();
    }

    @Test
    void aConsumerThatReadEverythingStillThereNeedsNothing() {
        assertThat(ReconcileRules.eventsLost(25L, 25L)).isFalse();
        assertThat(ReconcileRules.eventsLost(40L, 25L)).isFalse();
        assertThat(ReconcileRules.eventsLost(null, 0L)).as("a new group on a topic that kept everything").isFalse();
    }

    @Test
    void aStateCountsAsAnEventFromBeforeItWasReadSoAnEventStillCommittingIsAppliedAfterIt() {
        Instant read = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(ReconcileRules.asOf(read, Duration.ofSeconds(5))).isEqualTo(Instant.parse("2026-12-03T09:59:55Z"));
    }
}
