package ai.wevion.token.refresh.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A claim's lease is sized from the provider's timeout and call rate (issue 16, point 2; T3 with several replicas). */
class ClaimLeaseTest {

    @Test
    void aBatchAtTheSlowestProviderStillFinishesInsideItsLeaseAndAStrandedTokenWaitsMinutesNotHours() {
        // 200 tokens, 64 at a time: 4 waves of at most 10 s; Meta paces 500 calls a second
        Duration meta = ClaimLease.of(200, 64, Duration.ofSeconds(10), 500);
        assertThat(meta).isEqualTo(Duration.ofMillis(2 * (40_000 + 400) + 30_000));
        assertThat(meta).isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void aProviderThatAllowsFewCallsASecondGetsALeaseAsLongAsItsPacingTakes() {
        Duration slow = ClaimLease.of(200, 64, Duration.ofSeconds(10), 1); // 200 s waiting for turns alone
        assertThat(slow).isGreaterThan(Duration.ofSeconds(2 * 200));
    }

    @Test
    void aSingleOnDemandRefreshHoldsItsTokenForAMinuteAtLeast() {
        assertThat(ClaimLease.of(1, 64, Duration.ofSeconds(3), 50)).isEqualTo(ClaimLease.MIN);
    }
}
