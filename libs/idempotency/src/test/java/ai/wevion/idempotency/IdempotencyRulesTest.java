package ai.wevion.idempotency;

import static ai.wevion.idempotency.IdempotencyRules.Outcome.IN_PROGRESS;
import static ai.wevion.idempotency.IdempotencyRules.Outcome.PROCEED;
import static ai.wevion.idempotency.IdempotencyRules.Outcome.REPLAY;
import static ai.wevion.idempotency.IdempotencyRules.Outcome.REUSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a retried request gets (issue 14, point 7). */
class IdempotencyRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    @Test
    void aRetryOfAnAnsweredRequestGetsItsAnswerAgain() {
        assertThat(IdempotencyRules.seenBefore("POST /a", "POST /a", true, NOW.minusSeconds(5), NOW)).isEqualTo(REPLAY);
    }

    @Test
    void aRetryWhileTheFirstIsInFlightWaitsUnlessTheFirstWasLost() {
        assertThat(IdempotencyRules.seenBefore("POST /a", "POST /a", false, NOW.minusSeconds(5), NOW)).isEqualTo(IN_PROGRESS);
        assertThat(IdempotencyRules.seenBefore("POST /a", "POST /a", false, NOW.minusSeconds(61), NOW)).isEqualTo(PROCEED);
    }

    @Test
    void aKeyUsedForAnotherRequestIsRefused() {
        assertThat(IdempotencyRules.seenBefore("POST /a", "POST /b", true, NOW, NOW)).isEqualTo(REUSED);
    }

    @Test
    void keysArePerCallerAndOnlyVisibleAsciiUpTo100Characters() {
        assertThat(IdempotencyRules.keyHash("alice", "k")).isNotEqualTo(IdempotencyRules.keyHash("bob", "k"));
        assertThat(IdempotencyRules.validKey("3f1c9a2e-8d7b-4e61-9a0f-2b5c7d8e9f10")).isTrue();
        assertThat(IdempotencyRules.validKey("")).isFalse();
        assertThat(IdempotencyRules.validKey("a b")).isFalse();
        assertThat(IdempotencyRules.validKey("ключ")).isFalse();
        assertThat(IdempotencyRules.validKey("x".repeat(101))).isFalse();
    }

    @Test
    void aServerErrorIsNotKeptSoItsRetryActs() {
        assertThat(IdempotencyRules.keep(201)).isTrue();
        assertThat(IdempotencyRules.keep(409)).isTrue();
        assertThat(IdempotencyRules.keep(503)).isFalse();
    }
}
