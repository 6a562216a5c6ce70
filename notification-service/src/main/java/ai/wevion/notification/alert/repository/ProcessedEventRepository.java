package ai.wevion.notification.alert.repository;

import static ai.wevion.notification.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Tables {@code processed_event} (each event id applied once) and
 * {@code credential_seen} (never back in time per credential): what makes
 * the consumers safe against Kafka's redeliveries and reorderings.
 */
@ApplicationScoped
public class ProcessedEventRepository {

    /** Records the event id in the caller's transaction; false when it was applied before. */
    public Uni<Boolean> firstTime(SqlConnection conn, String eventId, Instant now) {
        return conn.preparedQuery("insert into processed_event (event_id, processed_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(eventId, utc(now)))
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** Records the credential's newest event; false when a newer one is already applied. */
    public Uni<Boolean> newestFor(SqlConnection conn, UUID platformUserId, Instant occurredAt) {
        return conn.preparedQuery("""
                insert into credential_seen (platform_user_id, last_event_at) values ($1, $2)
                on conflict (platform_user_id) do update set last_event_at = excluded.last_event_at
                where credential_seen.last_event_at <= excluded.last_event_at""")
                .execute(Tuple.of(platformUserId, utc(occurredAt)))
                .map(current -> current.rowCount() > 0);
    }
}
