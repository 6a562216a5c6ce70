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
                .chain(() -> db.preparedQuery("insert into app_user (id, default_workspace_id, email, password_hash, created_at) "
                        + "values ($1, $2, $3, 'x', $4)").execute(Tuple.of(user, workspace, user + "@retention.test", now)))
                // a login every hour for 60 days, each session ending after 30 minutes; and one session live for 10 days now
                .chain(() -> db.preparedQuery("insert into user_session (id, user_id, workspace_id, role, secret_hash, created_at, slid_at, "
                        + "expires_at, ended_at, end_reason) select gen_random_uuid(), $1, $2, 'member', gen_random_uuid()::text, t, t, "
                        + "t + interval '14 days', t + interval '30 minutes', 'LOGOUT' "
                        + "from (select $3::timestamptz - (i + 1) * interval '1 hour' as t from generate_series(0, 60 * 24 - 1) i) s")
                        .execute(Tuple.of(user, workspace, now)))
                .chain(() -> db.preparedQuery("insert into user_session (id, user_id, workspace_id, role, secret_hash, created_at, slid_at, "
                        + "expires_at) values (gen_random_uuid(), $1, $2, 'member', gen_random_uuid()::text, $3, $3, $3 + interval '14 days')")
                        .execute(Tuple.of(user, workspace, now.minusDays(10))))
                .await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "user_session", "login_throttle", "invitation", "audit_log");

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

        purgeAsTwoReplicas(retention, "user_session", "login_throttle", "invitation", "audit_log");

        assertThat(count(db, "login_throttle", "email like '" + run + "-%'")).isEqualTo(24L * 1000);
        assertThat(count(db, "login_throttle", "email = '" + run + "@blocked.test'")).isEqualTo(1L);
    }

    @Test
    void invitationsGoAMonthAfterTheyWereAcceptedOrExpiredAndOpenOnesStay_A7() {
        UUID workspace = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // an agency inviting 20 people a day for 90 days, each link good for 7 days, half of them accepted the next day
        db.preparedQuery("insert into workspace (id, name, created_at) values ($1, 'Invitations', $2)").execute(Tuple.of(workspace, now))
                .chain(() -> db.preparedQuery("insert into app_user (id, default_workspace_id, email, password_hash, created_at) "
                        + "values ($1, $2, $3, 'x', $4)").execute(Tuple.of(admin, workspace, admin + "@retention.test", now)))
                .chain(() -> db.preparedQuery("insert into invitation (id, workspace_id, email, role, token_hash, invited_by, created_at, "
                        + "expires_at, accepted_at) select gen_random_uuid(), $1, i || '@invited.test', 'member', gen_random_uuid()::text, $2, "
                        + "t, t + interval '7 days', case when i % 2 = 0 then t + interval '1 day' end "
                        + "from (select i, $3::timestamptz - (i / 20.0) * interval '1 day' as t from generate_series(0, 90 * 20 - 1) i) s")
                        .execute(Tuple.of(workspace, admin, now)))
                .await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "user_session", "login_throttle", "invitation", "audit_log");

        String mine = "workspace_id = '" + workspace + "'";
        assertThat(count(db, "invitation", mine + " and coalesce(accepted_at, expires_at) < now() - interval '30 days'")).isZero();
        assertThat(count(db, "invitation", mine + " and accepted_at is null and expires_at > now()"))
                .as("links still open are kept").isEqualTo(7L * 20 / 2);
    }

    @Test
    void auditEntriesStay400DaysAndThenGo_A7() {
        UUID workspace = UUID.randomUUID();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // a busy workspace: 50 admin actions a day for 500 days
        db.preparedQuery("insert into audit_log (id, workspace_id, service, actor_id, action, request_id, occurred_at) "
                        + "select gen_random_uuid(), $1, 'auth-service', gen_random_uuid(), 'member.added', 'r', "
                        + "$2::timestamptz - (i / 50.0) * interval '1 day' from generate_series(0, 500 * 50 - 1) i")
                .execute(Tuple.of(workspace, now)).await().atMost(Duration.ofSeconds(60));

        purgeAsTwoReplicas(retention, "user_session", "login_throttle", "invitation", "audit_log");

        String mine = "workspace_id = '" + workspace + "'";
        assertThat(count(db, "audit_log", mine + " and occurred_at < now() - interval '400 days'")).isZero();
        assertThat(count(db, "audit_log", mine)).isBetween(400L * 50 - 50, 400L * 50 + 50);
    }
}
