package ai.wevion.retention;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes, on a schedule, the rows of each {@link RetentionRule} older than its
 * age. Every service declares its rules as beans; this purges them one table
 * after the other, in batches of {@code retention.batch} rows, each batch its
 * own short statement. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas purging at the same time share the work instead of waiting on each
 * other, and a row another transaction is writing is left for the next run.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Pool pool;
    private final Clock clock;
    private final List<RetentionRule> rules;
    private final int batch;

    public Retention(Pool pool, Clock clock, @Any Instance<RetentionRule> declared, Config config,
            @ConfigProperty(name = "retention.batch", defaultValue = "1000") int batch) {
        this.pool = pool;
        this.clock = clock;
        this.rules = declared.stream()
                .map(rule -> rule.withMaxAge(config.getOptionalValue(rule.setting(), Duration.class).orElse(rule.maxAge())))
                .toList();
        this.batch = batch;
    }

    @Scheduled(identity = "retention", every = "${retention.every:1h}", delayed = "${retention.delayed:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purgeAll().onFailure().invoke(e -> LOG.warnf("retention run stopped, the next one goes on: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** The rules in force (their ages as configured). */
    public List<RetentionRule> rules() {
        return rules;
    }

    /** Purges every table now; answers the rows deleted per table. */
    public Uni<Map<String, Long>> purgeAll() {
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        return Multi.createFrom().iterable(rules)
                .onItem().transformToUniAndConcatenate(rule -> purge(rule, now.minus(rule.maxAge()))
                        .invoke(n -> deleted.put(rule.table(), n)))
                .collect().last()
                .map(ignored -> deleted);
    }

    private Uni<Long> purge(RetentionRule rule, Instant cutoff) {
        String sql = "delete from " + rule.table() + " where ctid = any(array(select ctid from " + rule.table()
                + " where " + rule.age() + " < $1 limit $2 for update skip locked))";
        return purgeFrom(sql, cutoff, 0L).invoke(n -> {
            if (n > 0) {
                LOG.infof("retention: %d rows of %s older than %s deleted", n, rule.table(), rule.maxAge());
            }
        });
    }

    private Uni<Long> purgeFrom(String sql, Instant cutoff, long sofar) {
        return pool.preparedQuery(sql).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), batch))
                .chain(rows -> rows.rowCount() < batch
                        ? Uni.createFrom().item(sofar + rows.rowCount())
                        : purgeFrom(sql, cutoff, sofar + rows.rowCount()));
    }
}
