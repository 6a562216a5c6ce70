package ai.wevion.token;

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

/** OAuth states and webhook event ids stay bounded (issue 14, point 9), purged by two replicas at once. */
@QuarkusTest
class RetentionTest {

    @Inject
    Pool db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void aWeekOfConnectAttemptsKeepsOnlyTheLastDaysOAuthStates() {
        UUID workspace = UUID.randomUUID();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // 500 connect or reconnect clicks an hour for a week (each state good for 10 minutes), used or abandoned
        db.preparedQuery("insert into oauth_state (nonce_hash, workspace_id, user_id, platform, mode, expires_at, used_at) "
                + "select gen_random_uuid()::text, $1, gen_random_uuid(), 'meta', 'connect', t + interval '10 minutes', "
                + "case when i % 2 = 0 then t end "
                + "from (select i, $2::timestamptz - (i / 500 + 1) * interval '1 hour' as t from generate_series(0, 7 * 24 * 500 - 1) i) s")
                .execute(Tuple.of(workspace, now)).await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "oauth_state", "webhook_event");

        // expired less than a day ago: created within the last 24 h 10 min, i.e. the last 24 hours of clicks
        assertThat(count(db, "oauth_state", "workspace_id = '" + workspace + "'")).isEqualTo(24L * 500);
    }

    @Test
    void webhookEventIdsAreKeptAMonthLongerThanAnyProviderRetries() {
        String provider = "retention-" + UUID.randomUUID();
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        // 200 webhook events a day for 60 days
        db.preparedQuery("insert into webhook_event (provider, event_id, received_at) select $1, 'evt_' || i, "
                + "$2::timestamptz - (i + 0.5) * interval '1 day' / 200 from generate_series(0, 60 * 200 - 1) i")
                .execute(Tuple.of(provider, now)).await().atMost(Duration.ofSeconds(30));

        purgeAsTwoReplicas(retention, "oauth_state", "webhook_event");

        assertThat(count(db, "webhook_event", "provider = '" + provider + "'")).isEqualTo(30L * 200);
    }
}
