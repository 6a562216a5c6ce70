package ai.wevion.connector.repository;

import static ai.wevion.connector.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Table {@code processed_event}: both consumers apply an event id once (a Kafka redelivery changes nothing). */
@ApplicationScoped
public class ProcessedEventRepository {

    /** Records the event id in the caller's transaction; false when it was applied before. */
    public Uni<Boolean> firstTime(SqlConnection conn, String eventId, Instant now) {
        return conn.preparedQuery("insert into processed_event (event_id, processed_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(eventId, utc(now)))
                .map(inserted -> inserted.rowCount() > 0);
    }
}
