package ai.wevion.auth;

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

/** Ended sessions and failed-login rows stay bounded (issue 14, point 9), purged by two replicas at once. */
@QuarkusTest
class RetentionTest {

    @Inject
    Pool db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void sessionsThatEndedOverAMonthAgoArePurgedAndLiveOnesAreKept() {
        UUID workspace = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        db.preparedQuery("insert into workspace (id, name, created_at) values ($1, 'Retention', $2)").execute(Tuple.of(workspace, now))
                .chain(() -> db.preparedQuery("insert into app_user (id, workspace_id, email, password_hash, role, created_at) "
                        + "values ($1, $2, $3, 'x', 'member', $4)").execute(Tuple.of(user, workspace, user + "@retention.test", now)))
                // a login every hour for 60 days, each session ending after 30 minutes; and one session live for 10 days now
                .chain(() -> db.preparedQuery("insert into user_session (id, user_id, workspace_id, secret_hash, created_at, slid_at, "
                        + "expires_at, ended_at, end_reason) select gen_random_uuid(), $1, $2, gen_random_uuid()::text, t, t, "
                        + "t + interval '14 days', t + interval '30 minutes', 'LOGOUT' "
                        + "from (select $3::timestamptz - (i + 1) * interval '1 hour' as t from generate_series(0, 60 * 24 - 1) i) s")
                        .execute(Tuple.of(user, workspace, now)))
                .chain(() -> db.preparedQuery("insert into user_session (id, user_id, workspace_id, secret_hash, created_at, slid_at, "
                        + "expires_at) values (gen_random_uuid(), $1, $2, gen_random_uuid()::text, $3, $3, $3 + interval '14 days')")
                        .execute(Tuple.of(user, workspace, now.minusDays(10))))
                .await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "user_session", "login_throttle");

        // ended within the last 30 days: the logins of the last 30 days (the one 30 days ago ended 30 minutes later)
        assertThat(count(db, "user_session", "user_id = '" + user + "' and ended_at is not null")).isEqualTo(30L * 24);
        assertThat(count(db, "user_session", "user_id = '" + user + "' and ended_at is null")).isEqualTo(1L);
    }

    @Test
    void failedLoginRowsGoADayAfterTheirLastFailureOrBlock() {
        String run = UUID.randomUUID().toString();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // a password spray: 1,000 addresses an hour for a week, one failure each; one address still blocked for two more days
        db.preparedQuery("insert into login_throttle (email, failures, last_failure_at) select $1 || '-' || i || '@spray.test', 1, "
                + "$2::timestamptz - (i / 1000 + 0.5) * interval '1 hour' from generate_series(0, 7 * 24 * 1000 - 1) i")
                .execute(Tuple.of(run, now))
                .chain(() -> db.preparedQuery("insert into login_throttle (email, failures, last_failure_at, blocked_until) "
                        + "values ($1, 40, $2, $3)").execute(Tuple.of(run + "@blocked.test", now.minusDays(5), now.plusDays(2))))
                .await().atMost(Duration.ofSeconds(60));

        purgeAsTwoReplicas(retention, "user_session", "login_throttle");

        assertThat(count(db, "login_throttle", "email like '" + run + "-%'")).isEqualTo(24L * 1000);
        assertThat(count(db, "login_throttle", "email = '" + run + "@blocked.test'")).isEqualTo(1L);
    }
}
