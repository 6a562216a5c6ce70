package ai.wevion.token.refresh.service;

import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.config.TokenConfig.OAuthProvider;
import ai.wevion.token.meta.MetaClient;
import ai.wevion.token.provider.Grant;
import ai.wevion.token.provider.OAuth2Client;
import ai.wevion.token.provider.OAuth2Client.Tokens;
import ai.wevion.token.provider.ProviderCatalog;
import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.refresh.service.TokenStore.ClaimQuery;
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
 * window, refreshes them — Meta's long-lived exchange every 12 hours for
 * tokens within 7 days of expiry; the refresh_token grant every minute for
 * OAuth 2.0 access tokens within their provider's buffer — with bounded
 * concurrency and a call rate limit per provider, and classifies every failure.
 */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);

    public record SweepResult(int due, int refreshed, int deferred, int expired) {
        SweepResult plus(SweepResult other) {
            return new SweepResult(due + other.due, refreshed + other.refreshed, deferred + other.deferred, expired + other.expired);
        }
    }

    private enum Outcome { REFRESHED, DEFERRED, EXPIRED, SKIPPED }

    /** A provider's new token: {@code refreshToken} only when it rotated. */
    private record Issued(String accessToken, String refreshToken, Long expiresInSeconds) {
    }

    private final MetaTokenStore metaStore;
    private final OAuthTokenStore oauthStore;
    private final MetaClient meta;
    private final OAuth2Client oauth;
    private final ProviderCatalog catalog;
    private final TokenCipher cipher;
    private final Clock clock;
    private final TokenConfig.Refresh config;
    private final java.util.Map<String, OAuthProvider> providers;
    private final CallPacer metaPacer;
    private final RefreshMetrics metrics;
    private final java.util.Map<String, CallPacer> oauthPacers = new java.util.concurrent.ConcurrentHashMap<>();

    public RefreshService(MetaTokenStore metaStore, OAuthTokenStore oauthStore, MetaClient meta, OAuth2Client oauth,
            ProviderCatalog catalog, TokenCipher cipher, Clock clock, TokenConfig config, RefreshMetrics metrics) {
        this.metrics = metrics;
        this.metaStore = metaStore;
        this.oauthStore = oauthStore;
        this.meta = meta;
        this.oauth = oauth;
        this.catalog = catalog;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config.refresh();
        this.providers = config.providers();
        this.metaPacer = new CallPacer(config.meta().maxCallsPerSecond());
    }

    /** One cycle: every due token once (a token refreshed or deferred in this cycle is not taken again). */
    public Uni<SweepResult> sweep() {
        return run(metaStore, config.window(), false, false, null).chain(metaResult -> eachProvider(false, true).map(metaResult::plus));
    }

    /** OAuth 2.0 access tokens within their buffer (every minute: they live about an hour). */
    public Uni<SweepResult> oauthSweep() {
        return eachProvider(false, false);
    }

    /** The catalog's providers one after the other, each with its own refresh buffer. */
    private Uni<SweepResult> eachProvider(boolean retriesOnly, boolean checkNonExpiring) {
        return Multi.createFrom().iterable(providers.entrySet())
                .onItem().transformToUniAndConcatenate(p -> run(oauthStore, p.getValue().refreshBuffer(), retriesOnly, checkNonExpiring,
                        p.getKey()))
                .collect().asList()
                .map(results -> results.stream().reduce(new SweepResult(0, 0, 0, 0), SweepResult::plus));
    }

    /** Deferred tokens whose retry time has come (between cycles). */
    public Uni<SweepResult> retryDeferred() {
        return run(metaStore, config.window(), true, false, null).chain(metaResult -> eachProvider(true, true).map(metaResult::plus));
    }

    /** Claims and refreshes this one token if it is due and free; false when another refresh has it. */
    public Uni<Boolean> refreshNow(TokenStore store, UUID platformUserId, Duration dueWithin) {
        Instant now = clock.instant();
        return store.claim(new ClaimQuery(now.plus(dueWithin), now, 1, now.plus(config.claimLease()), now.plusSeconds(1),
                false, platformUserId, false, null))
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().item(false) : refresh(store, claimed.get(0)).replaceWith(true));
    }

    private Uni<SweepResult> run(TokenStore store, Duration window, boolean retriesOnly, boolean checkNonExpiring, String platform) {
        Instant cycleStart = clock.instant();
        AtomicInteger due = new AtomicInteger();
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        return Multi.createBy().repeating().uni(() -> claimBatch(store, window, cycleStart, retriesOnly, checkNonExpiring, platform)).whilst(batch -> !batch.isEmpty())
                .onItem().transformToMultiAndConcatenate(batch -> {
                    due.addAndGet(batch.size());
                    return Multi.createFrom().iterable(batch).onItem().transformToUni(t -> refreshSafely(store, t))
                            .merge(config.concurrency());
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

    private Uni<List<ClaimedToken>> claimBatch(TokenStore store, Duration window, Instant cycleStart, boolean retriesOnly,
            boolean checkNonExpiring, String platform) {
        Instant now = clock.instant();
        return store.claim(new ClaimQuery(now.plus(window), now, config.batchSize(), now.plus(config.claimLease()),
                cycleStart, retriesOnly, null, checkNonExpiring, platform));
    }

    /** One token's trouble (database hiccup, bad ciphertext) must not stop the sweep; its claim lapses and it is retried. */
    private Uni<Outcome> refreshSafely(TokenStore store, ClaimedToken token) {
        return refresh(store, token).onFailure().recoverWithItem(e -> {
            LOG.warnf("refresh of %s failed, retried after the claim lapses: %s", token.platformUserId(), e.getMessage());
            return Outcome.SKIPPED;
        });
    }

    private Uni<Outcome> refresh(TokenStore store, ClaimedToken token) {
        Instant started = clock.instant();
        boolean canRefreshExpired = token.refreshCiphertext() != null; // a refresh token outlives its access token
        if (!canRefreshExpired && token.expiresAt() != null && !token.expiresAt().isAfter(started)) {
            metrics.expired(token.platform(), "EXPIRED");
            return store.expired(token, "EXPIRED", started).map(ok -> ok ? Outcome.EXPIRED : Outcome.SKIPPED);
        }
        String owner = token.platformUserId().toString();
        return exchange(token, owner)
                .chain(issued -> {
                    metrics.refreshed(token.platform());
                    Instant now = clock.instant();
                    String access = cipher.encrypt(issued.accessToken(), owner);
                    String rotated = issued.refreshToken() == null ? null : cipher.encrypt(issued.refreshToken(), owner);
                    return store.refreshed(token, access, rotated,
                            issued.expiresInSeconds() == null ? null : now.plusSeconds(issued.expiresInSeconds()), deadline(token, now), now)
                            .map(ok -> ok ? Outcome.REFRESHED : Outcome.SKIPPED);
                })
                .onFailure(ProviderFailure.Exception.class)
                .recoverWithUni(e -> failed(store, token, ((ProviderFailure.Exception) e).failure()));
    }

    /**
     * A provider-forced end within the re-authorization window (14 days, N2):
     * Meta's data access or the refresh token's own end. No refresh moves
     * either; only the user's re-authorization does.
     */
    private TokenStore.Deadline deadline(ClaimedToken token, Instant now) {
        if (token.dataAccessExpiresAt() != null
                && Duration.between(now, token.dataAccessExpiresAt()).compareTo(config.reauthorizationWarning()) < 0) {
            return new TokenStore.Deadline(token.dataAccessExpiresAt(), "DATA_ACCESS_EXPIRING");
        }
        if (token.refreshExpiresAt() != null
                && Duration.between(now, token.refreshExpiresAt()).compareTo(config.reauthorizationWarning()) < 0) {
            return new TokenStore.Deadline(token.refreshExpiresAt(), "REAUTHORIZATION_DUE");
        }
        return null;
    }

    /**
     * Meta: the long-lived exchange of the current token; OAuth 2.0: the
     * refresh_token grant; a token that never expires (TikTok, Stripe): a
     * liveness check with one identity call, since it only dies by revocation.
     */
    private Uni<Issued> exchange(ClaimedToken token, String owner) {
        if (ProviderCatalog.META.equals(token.platform())) {
            return metaPacer.paced(meta.exchangeForLongLived(cipher.decrypt(token.ciphertext(), owner)))
                    .map(t -> new Issued(t.accessToken(), null, t.expiresInSeconds()));
        }
        OAuthProvider provider = catalog.requireOAuth(token.platform());
        CallPacer pacer = oauthPacers.computeIfAbsent(token.platform(), k -> new CallPacer(provider.maxCallsPerSecond()));
        if (token.expiresAt() == null) {
            String current = cipher.decrypt(token.ciphertext(), owner);
            return pacer.paced(oauth.identity(provider, current)).map(alive -> new Issued(current, null, null));
        }
        if (provider.grant() != Grant.AUTHORIZATION_CODE) {
            // the customer's secret (client secret, password) is kept encrypted in the refresh column
            return pacer.paced(oauth.credentialsGrant(provider, token.externalUserId(), cipher.decrypt(token.refreshCiphertext(), owner)))
                    .map(t -> new Issued(t.accessToken(), null, t.expiresInSeconds()));
        }
        Uni<Tokens> granted = pacer.paced(oauth.refresh(provider, cipher.decrypt(token.refreshCiphertext(), owner)));
        return granted.map(t -> new Issued(t.accessToken(), t.refreshToken(), t.expiresInSeconds()));
    }

    private Uni<Outcome> failed(TokenStore store, ClaimedToken token, ProviderFailure failure) {
        metrics.failed(token.platform(), failure);
        Instant now = clock.instant();
        if (failure.isPermanent()) {
            return store.expired(token, failure.reason(), now).map(ok -> ok ? Outcome.EXPIRED : Outcome.SKIPPED);
        }
        Instant retryAt = now.plus(backoff(token.attempts(), failure.retryAfter()));
        if (token.expiresAt() != null && !retryAt.isBefore(token.expiresAt())) {
            retryAt = token.expiresAt();
        }
        // an OAuth 2.0 access token's end is no reason to warn: its refresh token outlives it
        boolean warn = token.refreshCiphertext() == null && token.expiresAt() != null && token.expiringNotifiedAt() == null
                && Duration.between(now, token.expiresAt()).compareTo(config.warning()) < 0;
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
