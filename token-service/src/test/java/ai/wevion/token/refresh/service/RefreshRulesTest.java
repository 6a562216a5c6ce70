package ai.wevion.token.refresh.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.token.ConfigStub;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.store.ClaimedToken;
import ai.wevion.token.store.TokenClaims.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** When a failed refresh is tried again, and when the user is warned (T4, N2). */
class RefreshRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final RefreshRules rules = new RefreshRules(ConfigStub.of(TokenConfig.Refresh.class, Map.of(
            "firstRetry", Duration.ofMinutes(1), "maxRetry", Duration.ofHours(6),
            "warning", Duration.ofDays(3), "reauthorizationWarning", Duration.ofDays(14))));

    @Test
    void retriesDoubleFromOneMinuteUpToSixHours_T4() {
        assertThat(rules.retryAt(meta(0, NOW.plus(Duration.ofDays(5))), null, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
        assertThat(rules.retryAt(meta(3, NOW.plus(Duration.ofDays(5))), null, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(8)));
        assertThat(rules.retryAt(meta(30, NOW.plus(Duration.ofDays(5))), null, NOW)).isEqualTo(NOW.plus(Duration.ofHours(6)));
    }

    @Test
    void aRetryIsNeverSoonerThanTheProviderAsked_T4() {
        assertThat(rules.retryAt(meta(0, NOW.plus(Duration.ofDays(5))), Duration.ofMinutes(45), NOW))
                .isEqualTo(NOW.plus(Duration.ofMinutes(45)));
    }

    @Test
    void aRetryIsNeverAfterTheTokensEnd_T4() {
        Instant end = NOW.plus(Duration.ofMinutes(30));
        assertThat(rules.retryAt(meta(10, end), null, NOW)).isEqualTo(end);
    }

    @Test
    void aTokenWithoutARefreshTokenIsDeadOnceItsEndHasPassed_T4() {
        assertThat(rules.pastRenewal(meta(0, NOW.minusSeconds(1)), NOW)).isTrue();
        assertThat(rules.pastRenewal(meta(0, NOW.plusSeconds(1)), NOW)).isFalse();
        assertThat(rules.pastRenewal(oauth(NOW.minusSeconds(1), null), NOW)).as("its refresh token outlives it").isFalse();
    }

    @Test
    void aDeferredMetaTokenWarnsOnceWithLessThanThreeDaysLeft_N2() {
        assertThat(rules.warnDeferred(meta(1, NOW.plus(Duration.ofDays(2))), NOW)).isTrue();
        assertThat(rules.warnDeferred(meta(1, NOW.plus(Duration.ofDays(4))), NOW)).isFalse();
        ClaimedToken warned = new ClaimedToken(UUID.randomUUID(), "c", "x", null, NOW.plus(Duration.ofDays(2)), 1, NOW, null, null,
                "meta", "ana");
        assertThat(rules.warnDeferred(warned, NOW)).as("once").isFalse();
        assertThat(rules.warnDeferred(oauth(NOW.plus(Duration.ofMinutes(5)), null), NOW)).as("an access token's end").isFalse();
    }

    @Test
    void metasDataAccessEndWithinFourteenDaysIsADeadlineNoRefreshMoves_N2() {
        ClaimedToken token = new ClaimedToken(UUID.randomUUID(), "c", "x", null, NOW.plus(Duration.ofDays(60)), 0, null,
                NOW.plus(Duration.ofDays(10)), null, "meta", "ana");

        assertThat(rules.deadline(token, NOW)).isEqualTo(new Deadline(NOW.plus(Duration.ofDays(10)), "DATA_ACCESS_EXPIRING"));
    }

    @Test
    void aRefreshTokensOwnEndWithinFourteenDaysAsksForReauthorization_N2() {
        assertThat(rules.deadline(oauth(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(13))), NOW))
                .isEqualTo(new Deadline(NOW.plus(Duration.ofDays(13)), "REAUTHORIZATION_DUE"));
        assertThat(rules.deadline(oauth(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(15))), NOW)).isNull();
        assertThat(rules.deadline(oauth(NOW.plus(Duration.ofHours(1)), null), NOW)).isNull();
    }

    private static ClaimedToken meta(int attempts, Instant expiresAt) {
        return new ClaimedToken(UUID.randomUUID(), "c", "x", null, expiresAt, attempts, null, null, null, "meta", "ana");
    }

    private static ClaimedToken oauth(Instant expiresAt, Instant refreshExpiresAt) {
        return new ClaimedToken(UUID.randomUUID(), "c", "x", "r", expiresAt, 0, null, null, refreshExpiresAt, "google-ads", "g");
    }
}
