package ai.wevion.token.refresh.service;

import java.time.Duration;

/**
 * How long a claim keeps other replicas off a token: long enough for the
 * batch it came in to finish even when the provider is at its slowest, short
 * enough that a token stranded by a replica's crash is taken again within
 * minutes. A batch's renewals wait their turn at the provider's call rate and
 * run {@code concurrency} at a time, each up to the request timeout; the lease
 * is twice that, plus time to store the results.
 */
final class ClaimLease {

    /** Time to write a batch's results after its last call, outages of a few seconds included. */
    static final Duration STORE = Duration.ofSeconds(30);
    static final Duration MIN = Duration.ofMinutes(1);

    private ClaimLease() {
    }

    static Duration of(int batchSize, int concurrency, Duration requestTimeout, int maxCallsPerSecond) {
        long waves = (batchSize + Math.max(1, concurrency) - 1) / Math.max(1, concurrency);
        Duration calling = requestTimeout.multipliedBy(waves);
        Duration pacing = Duration.ofMillis(1000L * batchSize / Math.max(1, maxCallsPerSecond));
        Duration lease = calling.plus(pacing).multipliedBy(2).plus(STORE);
        return lease.compareTo(MIN) < 0 ? MIN : lease;
    }
}
