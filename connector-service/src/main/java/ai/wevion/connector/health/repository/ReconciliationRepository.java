package ai.wevion.connector.health.repository;

import static ai.wevion.connector.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** Table {@code reconciliation}: which replica is reconciling, and when the last run completed. */
@ApplicationScoped
public class ReconciliationRepository {

    private static final String NAME = "platform-users";

    private final Pool pool;

    public ReconciliationRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Holds the run for {@code holdFor} unless another replica holds it, or
     * a run completed less than {@code minInterval} ago; answers whether this
     * replica got it.
     */
    public Uni<Boolean> tryHold(Instant now, Duration holdFor, Duration minInterval) {
        return pool.preparedQuery("""
                insert into reconciliation (name, held_until) values ($1, $2)
                on conflict (name) do update set held_until = excluded.held_until
                where reconciliation.held_until < $3
                  and (reconciliation.last_completed_at is null or reconciliation.last_completed_at <= $4)
                returning name""")
                .execute(Tuple.of(NAME, utc(now.plus(holdFor)), utc(now), utc(now.minus(minInterval))))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The run completed: the hold ends. */
    public Uni<Void> completed(Instant now) {
        return pool.preparedQuery("update reconciliation set held_until = $2, last_completed_at = $2 where name = $1")
                .execute(Tuple.of(NAME, utc(now))).replaceWithVoid();
    }

    /** The run failed: the hold ends, the next trigger tries again. */
    public Uni<Void> released(Instant now) {
        return pool.preparedQuery("update reconciliation set held_until = $2 where name = $1")
                .execute(Tuple.of(NAME, utc(now))).replaceWithVoid();
    }
}
