package ai.wevion.connector.sync.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.event.SyncTrigger;
import ai.wevion.connector.sync.repository.AdAccountRepository;
import ai.wevion.connector.sync.repository.AdAccountRepository.SyncPoint;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Every healthy ad account syncs every 15 minutes (C1), each at its own offset
 * in the interval. Due accounts are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and moved to their next slot in the same transaction, so replicas never
 * schedule one window twice. A window starts where the last completed sync
 * ended (C7) and goes through a covering user whose token is healthy (C6).
 */
@ApplicationScoped
public class SyncScheduleService {

    private static final int BATCH = 500;

    private final Pool pool;
    private final AdAccountRepository accounts;
    private final SyncService sync;
    private final Clock clock;
    private final Duration interval;

    public SyncScheduleService(Pool pool, AdAccountRepository accounts, SyncService sync, Clock clock, ConnectorConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.sync = sync;
        this.clock = clock;
        this.interval = config.sync().interval();
    }

    @Scheduled(identity = "sync-schedule", every = "${connector.sync.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSpan("sync schedule") // a trace of its own: the sync requests it writes, and the workers' answers
    Uni<Void> tick() {
        return scheduleDue().replaceWithVoid();
    }

    /** Requests a window for every due account; returns how many. */
    public Uni<Integer> scheduleDue() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> accounts.claimDue(conn, now, WindowRules.openRequestsAfter(now, interval), BATCH)
                .chain(due -> Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(a -> schedule(conn, a, now))
                        .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum())));
    }

    /** 1 when a window was requested, 0 when no healthy user covers the account any more. */
    private Uni<Integer> schedule(SqlConnection conn, SyncPoint account, Instant now) {
        return accounts.nextSyncAt(conn, account.adAccountId(), WindowRules.nextSyncAt(now, interval))
                .chain(() -> accounts.healthyCover(conn, account.adAccountId()))
                .chain(cover -> cover == null || cover.healthyUser() == null ? Uni.createFrom().item(0)
                        : sync.request(conn, account.workspaceId(), account.adAccountId(), cover.healthyUser(), account.windowFrom(), now,
                                SyncTrigger.SCHEDULED, now).replaceWith(1));
    }
}
