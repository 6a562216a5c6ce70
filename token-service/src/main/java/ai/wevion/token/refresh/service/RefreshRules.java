package ai.wevion.token.refresh.service;

import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.store.ClaimedToken;
import ai.wevion.token.store.TokenClaims.Deadline;
import java.time.Duration;
import java.time.Instant;

/** The refresh job's pure rules (T4, N2): when to try again, and when to warn. No I/O: unit-tested on their own. */
public final class RefreshRules {

    private final TokenConfig.Refresh config;

    public RefreshRules(TokenConfig.Refresh config) {
        this.config = config;
    }

    /** A token without a refresh token is dead once its end has passed: nothing can renew it. */
    public boolean pastRenewal(ClaimedToken token, Instant now) {
        return token.refreshCiphertext() == null && token.expiresAt() != null && !token.expiresAt().isAfter(now);
    }

    /**
     * When a deferred token is tried again: doubling from the first retry up to
     * the cap, never sooner than the provider asked, never after the token's end.
     */
    public Instant retryAt(ClaimedToken token, Duration providerAsks, Instant now) {
        Duration wait = config.firstRetry().multipliedBy(1L << Math.min(token.attempts(), 16));
        if (wait.compareTo(config.maxRetry()) > 0) {
            wait = config.maxRetry();
        }
        if (providerAsks != null && providerAsks.compareTo(wait) > 0) {
            wait = providerAsks;
        }
        Instant retryAt = now.plus(wait);
        return token.expiresAt() != null && !retryAt.isBefore(token.expiresAt()) ? token.expiresAt() : retryAt;
    }

    /**
     * TOKEN_EXPIRING once for a deferred token with less than the warning left;
     * an OAuth 2.0 access token's end is no reason to warn: its refresh token outlives it.
     */
    public boolean warnDeferred(ClaimedToken token, Instant now) {
        return token.refreshCiphertext() == null && token.expiresAt() != null && token.expiringNotifiedAt() == null
                && Duration.between(now, token.expiresAt()).compareTo(config.warning()) < 0;
    }

    /**
     * A provider-forced end within the re-authorization window (14 days, N2):
     * Meta's data access or the refresh token's own end. No refresh moves
     * either; only the user's re-authorization does. Null when none is near.
     */
    public Deadline deadline(ClaimedToken token, Instant now) {
        if (within(token.dataAccessExpiresAt(), now)) {
            return new Deadline(token.dataAccessExpiresAt(), "DATA_ACCESS_EXPIRING");
        }
        if (within(token.refreshExpiresAt(), now)) {
            return new Deadline(token.refreshExpiresAt(), "REAUTHORIZATION_DUE");
        }
        return null;
    }

    private boolean within(Instant end, Instant now) {
        return end != null && Duration.between(now, end).compareTo(config.reauthorizationWarning()) < 0;
    }
}
