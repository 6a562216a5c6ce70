package ai.wevion.connector;

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
 * Tables that would grow for ever stay bounded (issue 14, point 9): a
 * simulated history written with the timestamps it would have had, then the
 * purge the schedule runs, twice at once as two replicas would.
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
    void aWeekOfEventsForAHundredAdAccountsLeavesOnlyTheLastThreeDaysOfEventIds() {
        String run = UUID.randomUUID().toString();
        // 96 token-status and sync-results events per ad account per day (a sync every 15 minutes), 100 accounts, 7 days
        int perDay = 96 * 100;
        db.preparedQuery("insert into processed_event (event_id, processed_at) select $1 || '-' || i, "
                + "$2::timestamptz - (i + 0.5) * $3 * interval '1 millisecond' from generate_series(0, $4 - 1) i")
                .execute(Tuple.of(run, clock.instant().atOffset(ZoneOffset.UTC), Duration.ofDays(1).toMillis() / perDay, 7 * perDay))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(count(db, "processed_event", "event_id like '" + run + "-%'")).isEqualTo(7L * perDay);

        purgeAsTwoReplicas(retention, "processed_event", "sync_request");

        assertThat(count(db, "processed_event", "event_id like '" + run + "-%'")).isEqualTo(3L * perDay);
    }

    @Test
    void twoMonthsOfSyncsKeepAMonthOfCompletedRequestsAndEveryOpenOne() {
        UUID account = UUID.randomUUID();
        db.preparedQuery("insert into ad_account (id, workspace_id, platform, external_id, name, tracked_since, next_sync_at) "
                + "values ($1, $2, 'meta', 'act_retention', 'Retention', now(), now())")
                .execute(Tuple.of(account, UUID.randomUUID())).await().atMost(Duration.ofSeconds(5));
        // a completed sync every 15 minutes for 60 days, and one request still open since the first day
        int perDay = 96;
        db.preparedQuery("insert into sync_request (request_id, ad_account_id, platform_user_id, window_from, window_to, trigger, "
                + "requested_at, completed_at, outcome) select gen_random_uuid(), $1, gen_random_uuid(), t, t, 'SCHEDULED', t, t, 'SYNCED' "
                + "from (select $2::timestamptz - (i + 0.5) * interval '15 minutes' as t from generate_series(0, $3 - 1) i) s")
                .execute(Tuple.of(account, clock.instant().atOffset(ZoneOffset.UTC), 60 * perDay))
                .chain(() -> db.preparedQuery("insert into sync_request (request_id, ad_account_id, platform_user_id, window_from, "
                        + "window_to, trigger, requested_at) values (gen_random_uuid(), $1, gen_random_uuid(), $2, $2, 'FORCED', $2)")
                        .execute(Tuple.of(account, clock.instant().minus(Duration.ofDays(60)).atOffset(ZoneOffset.UTC))))
                .await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "processed_event", "sync_request");

        assertThat(count(db, "sync_request", "ad_account_id = '" + account + "' and completed_at is not null")).isEqualTo(30L * perDay);
        assertThat(count(db, "sync_request", "ad_account_id = '" + account + "' and completed_at is null")).isEqualTo(1L);
    }
}
