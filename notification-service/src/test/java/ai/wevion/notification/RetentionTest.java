package ai.wevion.notification;

import static ai.wevion.testing.RetentionCheck.count;
import static ai.wevion.testing.RetentionCheck.purgeAsTwoReplicas;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.retention.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A simulated week of notification-service's traffic for a hundred ad
 * accounts leaves each growing table bounded (issue 14, point 9), purged by
 * two replicas at once.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    Pool db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void aWeekOfEventsFeedChangesAndTelegramTrafficLeavesEachTableBounded() {
        String run = UUID.randomUUID().toString();
        UUID workspace = UUID.randomUUID();
        long firstUpdate = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) * 1000;
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        int eventsPerDay = 96 * 100;
        db.preparedQuery("insert into processed_event (event_id, processed_at) select $1 || '-' || i, "
                + "$2::timestamptz - (i + 0.5) * interval '1 day' / $3 from generate_series(0, 7 * $3 - 1) i")
                .execute(Tuple.of(run, now, eventsPerDay))
                // 400 feed changes a day (alerts raised, resolved, read)
                .chain(() -> db.preparedQuery("insert into notification_change (workspace_id, seq, notification_id, user_id, changed_at) "
                        + "select $1, i, gen_random_uuid(), null, $2::timestamptz - (7 * 400 - i - 0.5) * interval '1 day' / 400 "
                        + "from generate_series(0, 7 * 400 - 1) i").execute(Tuple.of(workspace, now)))
                // 50 Telegram updates and 20 link tokens (good for 15 minutes) a day
                .chain(() -> db.preparedQuery("insert into telegram_update (update_id, received_at) select $1::bigint + i, "
                        + "$2::timestamptz - (i + 0.5) * interval '1 day' / 50 from generate_series(0, 7 * 50 - 1) i")
                        .execute(Tuple.of(firstUpdate, now)))
                .chain(() -> db.preparedQuery("insert into telegram_link_token (token_hash, workspace_id, user_id, created_at, expires_at) "
                        + "select $1 || '-' || i, $2, gen_random_uuid(), t, t + interval '15 minutes' "
                        + "from (select i, $3::timestamptz - (i + 1) * interval '1 day' / 20 as t from generate_series(0, 7 * 20 - 1) i) s")
                        .execute(Tuple.of(run, workspace, now)))
                .await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "processed_event", "notification_change", "telegram_update", "telegram_link_token");

        assertThat(count(db, "processed_event", "event_id like '" + run + "-%'")).isEqualTo(3L * eventsPerDay);
        assertThat(count(db, "notification_change", "workspace_id = '" + workspace + "'")).isEqualTo(2L * 400);
        assertThat(count(db, "telegram_update", "update_id >= " + firstUpdate + " and update_id < " + (firstUpdate + 7 * 50)))
                .isEqualTo(3L * 50);
        // expired less than a day ago: created within the last 24 h 15 min, i.e. the last day's tokens
        assertThat(count(db, "telegram_link_token", "token_hash like '" + run + "-%'")).isEqualTo(20L);
    }
}
