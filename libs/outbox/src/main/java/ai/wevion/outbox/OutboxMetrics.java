package ai.wevion.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox's backlog on /q/metrics, measured every 15 s:
 * {@code wevion_outbox_pending} (rows waiting) and
 * {@code wevion_outbox_oldest_age_seconds} (how long the oldest has waited).
 * A broker outage shows as a growing age; the alert on it is in
 * deploy/base/monitoring (docs/operations.md). While the database cannot be
 * read, the last figures stay.
 */
@ApplicationScoped
public class OutboxMetrics {

    private final Pool pool;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public OutboxMetrics(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("wevion.outbox.pending", pending, AtomicLong::get).description("Outbox rows waiting for the broker")
                .register(registry);
        Gauge.builder("wevion.outbox.oldest.age.seconds", oldestSeconds, AtomicLong::get)
                .description("Seconds the oldest outbox row has waited for the broker").register(registry);
    }

    @Scheduled(every = "${outbox.metrics-interval:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return pool.query("select count(*) as pending, coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as age "
                        + "from outbox_event").execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("pending"));
                    oldestSeconds.set(row.getLong("age"));
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
