package ai.wevion.token.refresh.service;

import ai.wevion.token.catalog.Provider;
import ai.wevion.token.catalog.ProviderCatalog;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.provider.Held;
import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.store.ClaimedToken;
import ai.wevion.token.store.TokenClaims;
import ai.wevion.token.store.TokenClaims.ClaimQuery;
import ai.wevion.token.store.TokenClaims.Renewal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The refresh job (T3, T4): claims each provider's ACTIVE tokens within its
 * refresh window — Meta's long-lived exchange every 12 hours within 7 days of
 * expiry; OAuth 2.0 access tokens every minute within their buffer — renews
 * them through the provider's gateway with bounded concurrency, and writes
 * every outcome, classified, through the provider's token store.
 */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);

    public record SweepResult(int due, int refreshed, int deferred, int expired) {
        static final SweepResult NONE = new SweepResult(0, 0, 0, 0);

        SweepResult plus(SweepResult other) {
            return new SweepResult(due + other.due, refreshed + other.refreshed, deferred + other.deferred, expired + other.expired);
        }
    }

    private enum Outcome { REFRESHED, DEFERRED, EXPIRED, SKIPPED }

    /** What refreshing one token came to: an outcome already written, or a renewal still to be stored. */
    private record Step(Outcome outcome, Renewal renewal) {
        static Step done(Outcome outcome) {
            return new Step(outcome, null);
        }

        static Step store(Renewal renewal) {
            return new Step(null, renewal);
        }
    }

    /** Renewals stored per transaction, at most, and how long a renewal waits for others to join it. */
    private static final int WRITE_GROUP = 64;
    private static final Duration WRITE_WAIT = Duration.ofMillis(10);
    private static final int WRITES_IN_FLIGHT = 4;

    /** Which of a provider's tokens one pass takes. */
    private record Pass(boolean retriesOnly, boolean checkNonExpiring) {
    }

    private final ProviderCatalog catalog;
    private final TokenCipher cipher;
    private final Clock clock;
    private final TokenConfig.Refresh config;
    private final RefreshRules rules;
    private final RefreshMetrics metrics;
    private final AtomicReference<CompletableFuture<SweepResult>> sweeping = new AtomicReference<>();

    public RefreshService(ProviderCatalog catalog, TokenCipher cipher, Clock clock, TokenConfig config, RefreshMetrics metrics) {
        this.catalog = catalog;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config.refresh();
        this.rules = new RefreshRules(config.refresh());
        this.metrics = metrics;
    }

    /**
     * One cycle: every provider's due tokens once (a token refreshed or deferred
     * in this cycle is not taken again). One at a time per replica: a sweep asked
     * for while one runs (the schedule and an operator's run) gets the running
     * one's result, so the provider calls in flight stay at the configured
     * concurrency.
     */
    public Uni<SweepResult> sweep() {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<SweepResult> mine = new CompletableFuture<>();
            CompletableFuture<SweepResult> running = sweeping.compareAndExchange(null, mine);
            if (running != null) {
                return Uni.createFrom().completionStage(running);
            }
            each(p -> true, new Pass(false, true))
                    .onTermination().invoke(() -> sweeping.set(null))
                    .subscribe().with(mine::complete, mine::completeExceptionally);
            return Uni.createFrom().completionStage(mine);
        });
    }

    /** Access tokens that live about an hour, within their buffer (every minute). */
    public Uni<SweepResult> shortLivedSweep() {
        return each(p -> p.gateway().shortLived(), new Pass(false, false));
    }

    /** Deferred tokens whose retry time has come, and claims that lapsed unfinished (between cycles, every minute). */
    public Uni<SweepResult> retryDeferred() {
        return each(p -> true, new Pass(true, true));
    }

    /** The catalog's providers one after the other, each with its own refresh window. */
    private Uni<SweepResult> each(Predicate<Provider> which, Pass pass) {
        return Multi.createFrom().iterable(catalog.available()).select().where(which)
                .onItem().transformToUniAndConcatenate(p -> run(p, pass))
                .collect().asList()
                .map(results -> results.stream().reduce(SweepResult.NONE, SweepResult::plus));
    }

    /** Claims and refreshes this one token if it is due within {@code dueWithin} and free; false when another refresh has it. */
    public Uni<Boolean> refreshNow(Provider provider, UUID platformUserId, Duration dueWithin) {
        Instant now = clock.instant();
        return provider.store().claims().claim(new ClaimQuery(now.plus(dueWithin), now, 1, now.plus(lease(provider, 1)),
                        now.plusSeconds(1), false, platformUserId, false, provider.platform()))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false)
                        : refresh(provider, claimed.get(0)).chain(step -> store(provider, List.of(step))).replaceWith(true));
    }

    /**
     * One pass over a provider's due tokens. Claimed batches flow into one
     * stream, so the provider calls in flight stay at the configured
     * concurrency across batch ends (the next batch is claimed while the last
     * calls of the previous one are still out); renewals are stored in groups
     * of up to {@link #WRITE_GROUP}, each in one transaction.
     */
    private Uni<SweepResult> run(Provider provider, Pass pass) {
        Instant cycleStart = clock.instant();
        AtomicInteger due = new AtomicInteger();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        return Multi.createBy().repeating().uni(() -> claimBatch(provider, pass, cycleStart)).whilst(batch -> !batch.isEmpty())
                .invoke(batch -> due.addAndGet(batch.size()))
                .onItem().<ClaimedToken>disjoint()
                .onItem().transformToUni(t -> refreshSafely(provider, t)).merge(config.concurrency())
                .group().intoLists().of(WRITE_GROUP, WRITE_WAIT)
                // the group's timer emits whether or not a write is free to take it: hold it until one is
                .onOverflow().buffer()
                .onItem().transformToUni(steps -> store(provider, steps)).merge(WRITES_IN_FLIGHT)
                .onItem().<Outcome>disjoint()
                .invoke(outcome -> {
                    if (outcome != Outcome.SKIPPED) {
                        counts[outcome.ordinal()].incrementAndGet();
                    }
                })
                .collect().last()
                .map(last -> new SweepResult(due.get(), counts[0].get(), counts[1].get(), counts[2].get()))
                .invoke(r -> {
                    if (r.due() > 0) {
                        LOG.infof("refresh %s of %s: %d due, %d refreshed, %d deferred, %d expired", pass.retriesOnly() ? "retries" : "sweep",
                                provider.platform(), r.due(), r.refreshed(), r.deferred(), r.expired());
                    }
                });
    }

    /** The renewals among these steps stored together; a renewal whose claim was lost meanwhile is skipped. */
    private Uni<List<Outcome>> store(Provider provider, List<Step> steps) {
        List<Renewal> renewals = steps.stream().map(Step::renewal).filter(Objects::nonNull).toList();
        return provider.store().claims().refreshed(renewals)
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("storing %d refreshed tokens failed, retried after their claims lapse: %s", renewals.size(), e.getMessage());
                    return Set.of();
                })
                .map(written -> steps.stream().map(step -> step.renewal() == null ? step.outcome()
                        : written.contains(step.renewal().token().platformUserId()) ? Outcome.REFRESHED : Outcome.SKIPPED).toList());
    }

    private Uni<List<ClaimedToken>> claimBatch(Provider provider, Pass pass, Instant cycleStart) {
        Instant now = clock.instant();
        return provider.store().claims().claim(new ClaimQuery(now.plus(provider.gateway().refreshWindow()), now, config.batchSize(),
                now.plus(lease(provider, config.batchSize())), cycleStart, pass.retriesOnly(), null, pass.checkNonExpiring(),
                provider.platform()));
    }

    private Duration lease(Provider provider, int batchSize) {
        return config.claimLease().orElseGet(() -> ClaimLease.of(batchSize, config.concurrency(),
                provider.gateway().requestTimeout(), provider.gateway().maxCallsPerSecond()));
    }

    /** One token's trouble (database hiccup, bad ciphertext) must not stop the sweep; its claim lapses and it is retried. */
    private Uni<Step> refreshSafely(Provider provider, ClaimedToken token) {
        return Uni.createFrom().deferred(() -> refresh(provider, token)).onFailure().recoverWithItem(e -> {
            LOG.warnf("refresh of %s failed, retried after the claim lapses: %s", token.platformUserId(), e.getMessage());
            return Step.done(Outcome.SKIPPED);
        });
    }

    /** Renews one token; a failure's outcome is written here, a renewal is returned to be stored with others. */
    private Uni<Step> refresh(Provider provider, ClaimedToken token) {
        TokenClaims claims = provider.store().claims();
        Instant started = clock.instant();
        if (rules.pastRenewal(token, started)) {
            metrics.expired(token.platform(), "EXPIRED");
            return claims.expired(token, "EXPIRED", started).map(ok -> Step.done(ok ? Outcome.EXPIRED : Outcome.SKIPPED));
        }
        String owner = token.platformUserId().toString();
        Held held = new Held(cipher.decrypt(token.ciphertext(), owner),
                token.refreshCiphertext() == null ? null : cipher.decrypt(token.refreshCiphertext(), owner), token.externalUserId(),
                token.expiresAt());
        return provider.gateway().renew(held)
                .map(renewed -> {
                    metrics.refreshed(token.platform());
                    Instant now = clock.instant();
                    String access = cipher.encrypt(renewed.accessToken(), owner);
                    String rotated = renewed.rotatedRefreshToken() == null ? null : cipher.encrypt(renewed.rotatedRefreshToken(), owner);
                    Instant expiresAt = renewed.expiresInSeconds() == null ? null : now.plusSeconds(renewed.expiresInSeconds());
                    return Step.store(new Renewal(token, access, rotated, expiresAt, rules.deadline(token, now), now));
                })
                .onFailure(ProviderFailure.Exception.class)
                .recoverWithUni(e -> failed(claims, token, ((ProviderFailure.Exception) e).failure()).map(Step::done));
    }

    private Uni<Outcome> failed(TokenClaims claims, ClaimedToken token, ProviderFailure failure) {
        metrics.failed(token.platform(), failure);
        Instant now = clock.instant();
        if (failure.isPermanent()) {
            return claims.expired(token, failure.reason(), now).map(ok -> ok ? Outcome.EXPIRED : Outcome.SKIPPED);
        }
        return claims.deferred(token, failure.reason(), rules.retryAt(token, failure.retryAfter(), now), rules.warnDeferred(token, now), now)
                .map(ok -> ok ? Outcome.DEFERRED : Outcome.SKIPPED);
    }
}
