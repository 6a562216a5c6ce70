package ai.wevion.connector.sync.service;

import ai.wevion.connector.config.ConnectorConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static ai.wevion.connector.sync.service.SyncRequests.utc;

/**
 * Every healthy ad account syncs every 15 minutes (C1), each at its own offset
 * in the interval. Due accounts are claimed with {@code FOR UPDATE SKIP LOCKED}
 * and moved to their next slot in the same transaction, so replicas never
 * schedule one window twice. A window starts where the last completed sync
 * ended (C7) and goes through a covering user whose token is healthy (C6).
 */
@ApplicationScoped
public class SyncScheduler {

    private static final int BATCH = 500;

    private final Pool pool;
    private final SyncRequests requests;
    private final Clock clock;
    private final ConnectorConfig.Sync config;

    public SyncScheduler(Pool pool, SyncRequests requests, Clock clock, ConnectorConfig config) {
        this.pool = pool;
        this.requests = requests;
        this.clock = clock;
        this.config = config.sync();
    }

    @Scheduled(identity = "sync-schedule", every = "${connector.sync.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return scheduleDue().replaceWithVoid();
    }

    /** Requests a window for every due account; returns how many. */
    public Uni<Integer> scheduleDue() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                select a.id, a.workspace_id, coalesce(a.synced_until, a.tracked_since) as window_from from ad_account a
                where a.gate_open and a.next_sync_at <= $1
                  and not exists (select 1 from sync_request r where r.ad_account_id = a.id and r.completed_at is null
                                  and r.requested_at > $2)
                order by a.next_sync_at limit $3
                for update skip locked""")
                .execute(Tuple.of(utc(now), utc(now.minus(config.interval().multipliedBy(2))), BATCH))
                .chain(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    return Multi.createFrom().iterable(due).onItem().transformToUniAndConcatenate(r -> schedule(conn, r, now))
                            .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
                }));
    }

    /** 1 when a window was requested, 0 when no healthy user covers the account any more. */
    private Uni<Integer> schedule(SqlConnection conn, Row account, Instant now) {
        return conn.preparedQuery("update ad_account set next_sync_at = $2 where id = $1")
                .execute(Tuple.of(account.getUUID("id"), utc(now.plus(config.interval()))))
                .chain(() -> SyncRequests.healthyCover(conn, account.getUUID("id")))
                .chain(user -> user == null ? Uni.createFrom().item(0)
                        : requests.request(conn, account.getUUID("workspace_id"), account.getUUID("id"), user,
                                account.getOffsetDateTime("window_from").toInstant(), now, "SCHEDULED", now).replaceWith(1));
    }
}
