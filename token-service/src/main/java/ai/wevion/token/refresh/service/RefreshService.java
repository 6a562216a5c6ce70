package ai.wevion.token.refresh.service;

import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.meta.MetaClient;
import ai.wevion.token.meta.ProviderFailure;
import ai.wevion.token.refresh.service.MetaTokenStore.ClaimQuery;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The refresh job (T3, T4): claims the ACTIVE tokens expiring within the
 * window, refreshes them through Meta's token exchange with bounded
 * concurrency and a call rate limit, and classifies every failure.
 */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);

    public record SweepResult(int due, int refreshed, int deferred, int expired) {
    }

    private enum Outcome { REFRESHED, DEFERRED, EXPIRED, SKIPPED }

    private final MetaTokenStore store;
    private final MetaClient meta;
    private final TokenCipher cipher;
    private final Clock clock;
    private final TokenConfig.Refresh config;
    private final CallPacer pacer;

    public RefreshService(MetaTokenStore store, MetaClient meta, TokenCipher cipher, Clock clock, TokenConfig config) {
        this.store = store;
        this.meta = meta;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config.refresh();
        this.pacer = new CallPacer(config.meta().maxCallsPerSecond());
    }

    /** One cycle: every due token once (a token refreshed or deferred in this cycle is not taken again). */
    public Uni<SweepResult> sweep() {
        return run(false);
    }

    /** Deferred tokens whose retry time has come (between cycles). */
    public Uni<SweepResult> retryDeferred() {
        return run(true);
    }

    /** Claims and refreshes this one token if it is due and free; false when another refresh has it. */
    public Uni<Boolean> refreshNow(UUID platformUserId, Duration dueWithin) {
        Instant now = clock.instant();
        return store.claim(new ClaimQuery(now.plus(dueWithin), now, 1, now.plus(config.claimLease()), now.plusSeconds(1),
                false, platformUserId))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false) : refresh(claimed.get(0)).replaceWith(true));
    }

    private Uni<SweepResult> run(boolean retriesOnly) {
        Instant cycleStart = clock.instant();
        AtomicInteger due = new AtomicInteger();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        return Multi.createBy().repeating().uni(() -> claimBatch(cycleStart, retriesOnly)).whilst(batch -> !batch.isEmpty())
                .onItem().transformToMultiAndConcatenate(batch -> {
                    due.addAndGet(batch.size());
                    return Multi.createFrom().iterable(batch).onItem().transformToUni(this::refreshSafely).merge(config.concurrency());
                })
                .invoke(outcome -> {
                    if (outcome != Outcome.SKIPPED) {
                        counts[outcome.ordinal()].incrementAndGet();
                    }
                })
                .collect().last()
                .map(last -> new SweepResult(due.get(), counts[0].get(), counts[1].get(), counts[2].get()))
                .invoke(r -> {
                    if (r.due() > 0) {
                        LOG.infof("refresh %s: %d due, %d refreshed, %d deferred, %d expired",
                                retriesOnly ? "retries" : "sweep", r.due(), r.refreshed(), r.deferred(), r.expired());
                    }
                });
    }

    private Uni<List<ClaimedToken>> claimBatch(Instant cycleStart, boolean retriesOnly) {
        Instant now = clock.instant();
        return store.claim(new ClaimQuery(now.plus(config.window()), now, config.batchSize(), now.plus(config.claimLease()),
                cycleStart, retriesOnly, null));
    }

    /** One token's trouble (database hiccup, bad ciphertext) must not stop the sweep; its claim lapses and it is retried. */
    private Uni<Outcome> refreshSafely(ClaimedToken token) {
        return refresh(token).onFailure().recoverWithItem(e -> {
            LOG.warnf("refresh of %s failed, retried after the claim lapses: %s", token.platformUserId(), e.getMessage());
            return Outcome.SKIPPED;
        });
    }

    private Uni<Outcome> refresh(ClaimedToken token) {
        Instant started = clock.instant();
        if (!token.expiresAt().isAfter(started)) {
            return store.expired(token, "EXPIRED", started).map(ok -> ok ? Outcome.EXPIRED : Outcome.SKIPPED);
        }
        String current = cipher.decrypt(token.ciphertext(), token.platformUserId().toString());
        return pacer.paced(meta.exchangeForLongLived(current))
                .chain(issued -> {
                    Instant now = clock.instant();
                    String stored = cipher.encrypt(issued.accessToken(), token.platformUserId().toString());
                    boolean dataAccessLapsing = token.dataAccessExpiresAt() != null
                            && Duration.between(now, token.dataAccessExpiresAt()).compareTo(config.warning()) < 0;
                    return store.refreshed(token, stored, now.plusSeconds(issued.expiresInSeconds()), dataAccessLapsing, now)
                            .map(ok -> ok ? Outcome.REFRESHED : Outcome.SKIPPED);
                })
                .onFailure(ProviderFailure.Exception.class).recoverWithUni(e -> failed(token, ((ProviderFailure.Exception) e).failure()));
    }

    private Uni<Outcome> failed(ClaimedToken token, ProviderFailure failure) {
        Instant now = clock.instant();
        if (failure.isPermanent()) {
            return store.expired(token, failure.reason(), now).map(ok -> ok ? Outcome.EXPIRED : Outcome.SKIPPED);
        }
        Instant retryAt = now.plus(backoff(token.attempts(), failure.retryAfter()));
        if (!retryAt.isBefore(token.expiresAt())) {
            retryAt = token.expiresAt();
        }
        boolean warn = token.expiringNotifiedAt() == null && Duration.between(now, token.expiresAt()).compareTo(config.warning()) < 0;
        return store.deferred(token, failure.reason(), retryAt, warn, now).map(ok -> ok ? Outcome.DEFERRED : Outcome.SKIPPED);
    }

    /** Doubles from the first retry up to the cap, and never sooner than the provider asked. */
    private Duration backoff(int attempts, Duration providerAsks) {
        Duration wait = config.firstRetry().multipliedBy(1L << Math.min(attempts, 16));
        if (wait.compareTo(config.maxRetry()) > 0) {
            wait = config.maxRetry();
        }
        return providerAsks != null && providerAsks.compareTo(wait) > 0 ? providerAsks : wait;
    }
}
