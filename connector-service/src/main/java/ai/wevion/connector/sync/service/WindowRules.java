package ai.wevion.connector.sync.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/** When accounts sync and which window each request covers (C1, C7). Pure: no I/O, no clock. */
public final class WindowRules {

    private WindowRules() {
    }

    /** Window ends are kept at the database's precision (microseconds), so that windows chain without a gap. */
    public static Instant atDatabasePrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A new account's first sync falls at a random offset in the interval, so that accounts do not all sync at once. */
    public static Instant firstSyncAt(Instant now, Duration interval, RandomGenerator random) {
        return now.plusMillis(random.nextLong(Math.max(1, interval.toMillis())));
    }

    /** An account just synced or reopened syncs again one interval later (C1). */
    public static Instant nextSyncAt(Instant now, Duration interval) {
        return now.plus(interval);
    }

    /** A request still open after two intervals is presumed lost: the account is scheduled again. */
    public static Instant openRequestsAfter(Instant now, Duration interval) {
        return now.minus(interval.multipliedBy(2));
    }

    /** A backfill covers the gap from the last synced point, but no further back than the platform keeps data (C7). */
    public static Instant backfillFrom(Instant gapFrom, Instant now, Duration retention) {
        Instant earliest = now.minus(retention);
        return gapFrom.isBefore(earliest) ? earliest : gapFrom;
    }
}
