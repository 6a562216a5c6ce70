package ai.wevion.connector.sync.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** When accounts sync and what each window covers (C1, C7). */
class WindowRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456789Z");
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    @Test
    void windowEndsKeepTheDatabasesMicrosecondsSoThatWindowsChainWithoutAGap_C7() {
        assertThat(WindowRules.atDatabasePrecision(NOW)).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    }

    @Test
    void aBackfillStartsWhereSyncStopped_C7() {
        Instant stopped = NOW.minus(Duration.ofDays(3));

        assertThat(WindowRules.backfillFrom(stopped, NOW, Duration.ofDays(395))).isEqualTo(stopped);
    }

    @Test
    void aBackfillReachesNoFurtherBackThanThePlatformKeepsData_C7() {
        assertThat(WindowRules.backfillFrom(NOW.minus(Duration.ofDays(900)), NOW, Duration.ofDays(395)))
                .isEqualTo(NOW.minus(Duration.ofDays(395)));
    }

    @Test
    void aNewAccountsFirstSyncFallsWithinOneInterval_C1() {
        assertThat(WindowRules.firstSyncAt(NOW, INTERVAL, fixed(0))).isEqualTo(NOW);
        assertThat(WindowRules.firstSyncAt(NOW, INTERVAL, fixed(INTERVAL.toMillis() - 1))).isEqualTo(NOW.plus(INTERVAL).minusMillis(1));
        for (int i = 0; i < 1000; i++) {
            assertThat(WindowRules.firstSyncAt(NOW, INTERVAL, RandomGenerator.getDefault())).isBetween(NOW, NOW.plus(INTERVAL));
        }
    }

    @Test
    void anAccountSyncsEveryIntervalAndARequestOpenForTwoIntervalsIsPresumedLost_C1() {
        assertThat(WindowRules.nextSyncAt(NOW, INTERVAL)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(WindowRules.openRequestsAfter(NOW, INTERVAL)).isEqualTo(NOW.minus(Duration.ofMinutes(30)));
    }

    /** Answers {@code value} whatever the bound. */
    private static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }

            @Override
            public long nextLong(long bound) {
                return value;
            }
        };
    }
}
