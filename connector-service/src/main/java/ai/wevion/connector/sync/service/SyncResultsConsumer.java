package ai.wevion.connector.sync.service;

import ai.wevion.connector.health.service.Events.SyncResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import static ai.wevion.connector.sync.service.SyncRequests.utc;

/** sync-results: a completed window moves the account's sync point; the next window starts there (C7). */
@ApplicationScoped
public class SyncResultsConsumer {

    private static final Logger LOG = Logger.getLogger(SyncResultsConsumer.class);

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;

    public SyncResultsConsumer(Pool pool, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
    }

    @Incoming("sync-results")
    public Uni<Void> consume(String payload) {
        SyncResult result;
        try {
            result = json.readValue(payload, SyncResult.class);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable sync-results event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return apply(result).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }

    private Uni<Void> apply(SyncResult r) {
        boolean completed = "SYNC_COMPLETED".equals(r.type());
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into processed_event (event_id, processed_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(r.eventId(), utc(clock.instant())))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem() : conn
                        .preparedQuery("update sync_request set completed_at = $2, outcome = $3 where request_id = $1")
                        .execute(Tuple.of(UUID.fromString(r.requestId()), utc(clock.instant()), completed ? "COMPLETED" : "FAILED"))
                        .chain(() -> completed && r.syncedUntil() != null
                                ? conn.preparedQuery("update ad_account set synced_until = greatest(coalesce(synced_until, $2), $2), "
                                        + "last_synced_at = $3 where id = $1")
                                        .execute(Tuple.of(UUID.fromString(r.adAccountId()), utc(r.syncedUntil()), utc(clock.instant())))
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem())));
    }
}
