package ai.wevion.connector.sync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.wevion.authclient.api.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How often a workspace may Force sync (C8). */
class ForceSyncRulesTest {

    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void belowTheLimitASyncIsAllowed() {
        assertThatCode(() -> ForceSyncRules.requireWithinLimit(29, now.minusSeconds(50), 30, now)).doesNotThrowAnyException();
    }

    @Test
    void atTheLimitTheAnswerIs429UntilTheOldestLeavesTheMinute() {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> ForceSyncRules.requireWithinLimit(30, now.minusSeconds(45).minusMillis(300), 30, now));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theWaitIsNeverLessThanASecond() {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> ForceSyncRules.requireWithinLimit(30, now.minusSeconds(60), 30, now));
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }
}
