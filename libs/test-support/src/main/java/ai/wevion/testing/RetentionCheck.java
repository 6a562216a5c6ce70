package ai.wevion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.retention.Retention;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;

/** Helpers for the services' retention tests (libs/retention). */
public final class RetentionCheck {

    private RetentionCheck() {
    }

    /** Two purges at once, as two replicas' schedules may run: they share the rows (SKIP LOCKED) and neither fails. */
    public static void purgeAsTwoReplicas(Retention retention, String... tables) {
        var both = Uni.combine().all().unis(retention.purgeAll(), retention.purgeAll()).asTuple()
                .await().atMost(Duration.ofSeconds(60));
        assertThat(both.getItem1()).containsKeys(tables);
        assertThat(both.getItem2()).containsKeys(tables);
    }

    public static long count(Pool db, String table, String where) {
        return db.query("select count(*) from " + table + " where " + where).execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}
