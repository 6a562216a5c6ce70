package ai.wevion.connector.health.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.event.TokenStatus;
import ai.wevion.connector.event.TokenStatus.AdAccountRef;
import ai.wevion.connector.event.TokenStatusType;
import ai.wevion.connector.health.repository.CoverageRepository;
import ai.wevion.connector.health.repository.PlatformUserRepository;
import ai.wevion.connector.repository.ProcessedEventRepository;
import ai.wevion.connector.sync.repository.AdAccountRepository;
import ai.wevion.connector.sync.service.GateService;
import ai.wevion.connector.sync.service.WindowRules;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Applies token-status events to connector-service's view, each once (by
 * eventId) and never going back in time (an event older than the last one
 * applied to that platform user changes nothing). The event's ad accounts
 * become the user's coverage; the affected accounts are regated, which sends
 * AD_ACCOUNT_GATE_CHANGED and, after a reconnect, one BACKFILL of the gap
 * (C4–C7).
 */
@ApplicationScoped
public class HealthProjectionService {

    private final Pool pool;
    private final ProcessedEventRepository processed;
    private final PlatformUserRepository users;
    private final CoverageRepository coverage;
    private final AdAccountRepository accounts;
    private final GateService gates;
    private final Clock clock;
    private final Duration interval;

    public HealthProjectionService(Pool pool, ProcessedEventRepository processed, PlatformUserRepository users,
            CoverageRepository coverage, AdAccountRepository accounts, GateService gates, Clock clock, ConnectorConfig config) {
        this.pool = pool;
        this.processed = processed;
        this.users = users;
        this.coverage = coverage;
        this.accounts = accounts;
        this.gates = gates;
        this.clock = clock;
        this.interval = config.sync().interval();
    }

    public Uni<Void> apply(TokenStatus event) {
        Change change = new Change(event, event.type() != null && event.type().refreshes() ? event.occurredAt() : null, false);
        return pool.withTransaction(conn -> processed.firstTime(conn, event.eventId(), clock.instant())
                .chain(first -> first ? applyOnce(conn, change) : Uni.createFrom().item(false)))
                .invoke(this::invalidateIfMoved)
                .replaceWithVoid();
    }

    /**
     * Applies token-service's state of a platform user as if it were an event
     * at {@code asOf} (reconciliation): an event applied after that moment
     * wins, as it would over an older event. The state names every account
     * the user covers, none included; it carries its own last refresh.
     */
    public Uni<Void> applyState(TokenStatus state, Instant lastRefreshAt) {
        return pool.withTransaction(conn -> applyOnce(conn, new Change(state, lastRefreshAt, true)))
                .invoke(this::invalidateIfMoved)
                .replaceWithVoid();
    }

    private void invalidateIfMoved(boolean gatesMoved) {
        if (gatesMoved) {
            gates.invalidate(); // this replica at once; the others on the commit's notification
        }
    }

    /**
     * What to apply: the event, the last refresh it reports, and whether its
     * accounts are the whole coverage even when there are none (a state read
     * from token-service) or only when it lists some (an event).
     */
    private record Change(TokenStatus event, Instant refreshedAt, boolean completeCoverage) {
    }

    /** Applies the change; answers whether any gate answer may have changed. */
    private Uni<Boolean> applyOnce(SqlConnection conn, Change change) {
        TokenStatus e = change.event();
        UUID userId = UUID.fromString(e.platformUserId());
        return users.lockLastApplied(conn, userId).chain(current -> {
            if (current != null && current.lastEventAt().isAfter(e.occurredAt())) {
                return Uni.createFrom().item(false); // arrived late: a newer state is already applied
            }
            boolean statusChanged = current == null || current.status() != e.status()
                    || e.is(TokenStatusType.PLATFORM_USER_DISCONNECTED);
            return affectedAccounts(conn, userId, e).chain(affected -> writeUser(conn, e, userId, change.refreshedAt())
                    .chain(() -> writeCoverage(conn, e, userId, change.completeCoverage()))
                    .chain(coverageDropped -> gates.regate(conn, affected, e, clock.instant())
                            .map(regated -> statusChanged || coverageDropped || regated)))
                    .call(moved -> moved ? gates.announceMoved(conn) : Uni.createFrom().voidItem())
                    .call(() -> users.announceCardsChanged(conn, UUID.fromString(e.workspaceId())));
        });
    }

    /** The accounts the user covered before the event and those it names: their gates may move. */
    private Uni<List<UUID>> affectedAccounts(SqlConnection conn, UUID userId, TokenStatus e) {
        return coverage.accountsOf(conn, userId).map(before -> {
            Set<UUID> ids = new LinkedHashSet<>(before);
            e.accounts().forEach(a -> ids.add(UUID.fromString(a.adAccountId())));
            return new ArrayList<>(ids);
        });
    }

    private Uni<Void> writeUser(SqlConnection conn, TokenStatus e, UUID userId, Instant refreshedAt) {
        if (e.is(TokenStatusType.PLATFORM_USER_DISCONNECTED)) {
            return users.delete(conn, userId);
        }
        return users.upsert(conn, e, userId, refreshedAt);
    }

    /** The event's ad accounts are the ones this platform user covers now (batch re-auth included); answers whether any was dropped. */
    private Uni<Boolean> writeCoverage(SqlConnection conn, TokenStatus e, UUID userId, boolean complete) {
        List<AdAccountRef> named = e.accounts();
        if (e.is(TokenStatusType.PLATFORM_USER_DISCONNECTED)) {
            return Uni.createFrom().item(false);
        }
        if (named.isEmpty()) {
            return complete ? coverage.keepOnly(conn, userId, List.of()) : Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        UUID workspaceId = UUID.fromString(e.workspaceId());
        List<UUID> ids = named.stream().map(a -> UUID.fromString(a.adAccountId())).toList();
        return Multi.createFrom().iterable(named).onItem().transformToUniAndConcatenate(a -> accounts
                .track(conn, workspaceId, e.platform(), a, now, WindowRules.firstSyncAt(now, interval, ThreadLocalRandom.current()))
                .chain(() -> coverage.cover(conn, UUID.fromString(a.adAccountId()), userId)))
                .collect().last()
                .chain(() -> coverage.keepOnly(conn, userId, ids));
    }
}
