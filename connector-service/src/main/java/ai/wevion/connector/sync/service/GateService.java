package ai.wevion.connector.sync.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.event.ConnectorStatus;
import ai.wevion.connector.event.TokenStatus;
import ai.wevion.connector.sync.repository.AdAccountRepository;
import ai.wevion.connector.sync.repository.AdAccountRepository.GateMove;
import ai.wevion.outbox.Outbox;
import ai.wevion.pglisten.PgNotifications;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gates other services ask before acting on an ad account (C5), and their
 * moves. Answers are kept in memory, so that a gate check needs no I/O: any
 * projection change that can move a gate clears them, at once in the replica
 * that made the change and through a {@code gate_changed} notification (sent
 * on commit) in every other one; and whenever the LISTEN connection is
 * re-established, since notifications sent meanwhile are lost.
 */
@ApplicationScoped
public class GateService {

    private static final int MAX_ENTRIES = 200_000;

    private final Map<UUID, Gate> gates = new ConcurrentHashMap<>();
    // bumped on every invalidation: an answer read from the database before it is not kept
    private final AtomicLong generation = new AtomicLong();
    private final AdAccountRepository accounts;
    private final SyncService sync;
    private final Outbox outbox;
    private final PgNotifications notifications;
    private final Duration interval;

    public GateService(AdAccountRepository accounts, SyncService sync, Outbox outbox, PgNotifications notifications,
            ConnectorConfig config) {
        this.accounts = accounts;
        this.sync = sync;
        this.outbox = outbox;
        this.notifications = notifications;
        this.interval = config.sync().interval();
    }

    void listen(@Observes StartupEvent event) {
        notifications.listen(AdAccountRepository.GATES_CHANNEL, payload -> invalidate(), this::invalidate);
    }

    /** Answered from local state: open while any covering user's token is healthy (C5, C6); in memory once asked. */
    public Uni<Gate> gate(UUID adAccountId) {
        Gate cached = gates.get(adAccountId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long seen = generation.get();
        return accounts.healthyCover(adAccountId).map(cover -> {
            if (cover == null) {
                throw ApiException.notFound("Ad account");
            }
            return GateRules.answer(cover.healthyUser());
        }).invoke(gate -> {
            if (gates.size() >= MAX_ENTRIES) {
                gates.clear();
            }
            gates.put(adAccountId, gate);
            if (generation.get() != seen) {
                gates.remove(adAccountId); // invalidated while loading: the answer may be stale
            }
        });
    }

    /**
     * Within a projection transaction: recomputes the accounts' gates after
     * event {@code e}; each one that moved goes out as AD_ACCOUNT_GATE_CHANGED,
     * and one a reconnect reopened backfills its gap (C7). Answers whether any moved.
     */
    public Uni<Boolean> regate(SqlConnection conn, List<UUID> adAccountIds, TokenStatus e, Instant now) {
        if (adAccountIds.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return accounts.regate(conn, adAccountIds, WindowRules.nextSyncAt(now, interval))
                .chain(moves -> Multi.createFrom().iterable(moves).onItem().transformToUniAndConcatenate(m -> announce(conn, m, e, now))
                        .collect().last().map(ignored -> !moves.isEmpty()));
    }

    private Uni<Void> announce(SqlConnection conn, GateMove m, TokenStatus e, Instant now) {
        Uni<Void> changed = outbox.add(conn, ConnectorStatus.TOPIC, m.adAccountId().toString(),
                ConnectorStatus.gateChanged(now, m.workspaceId(), m.adAccountId(), m.open()));
        if (!GateRules.backfills(m.open(), e.type())) {
            return changed;
        }
        return changed.chain(() -> sync.backfill(conn, m, UUID.fromString(e.platformUserId()), e.platform(), now));
    }

    /** Within a projection transaction: tells every replica, on commit, that gate answers may have moved. */
    public Uni<Void> announceMoved(SqlConnection conn) {
        return accounts.announceGatesMoved(conn);
    }

    /** Forgets this replica's answers (after a commit that may have moved gates, or a lost notification). */
    public void invalidate() {
        generation.incrementAndGet();
        gates.clear();
    }
}
