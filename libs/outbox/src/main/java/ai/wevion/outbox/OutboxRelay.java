package ai.wevion.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker has
 * acknowledged them. Woken by {@link OutboxListener} on commit and, as a safety
 * net (missed notification, broker down), every few seconds. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same row at
 * the same time; a send that fails leaves its rows for the next run, which
 * comes 200 ms later, then twice as late each time up to 5 s (a broker that
 * returns gets the backlog at once, not at the next poll).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final MutinyEmitter<String> kafka;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Vertx vertx;
    // after a failed send, the next try comes this soon (doubling to MAX_RETRY), not at the next poll
    private volatile long retryMillis = FIRST_RETRY;
    private static final long FIRST_RETRY = 200;
    private static final long MAX_RETRY = 5_000;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> kafka, Vertx vertx) {
        this.pool = pool;
        this.kafka = kafka;
        this.vertx = vertx;
    }

    /** Relays until the table is empty; a call during a run makes the run go once more. */
    public void relay() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        relayBatch().subscribe().with(
                sent -> {
                    retryMillis = FIRST_RETRY;
                    finish(sent == BATCH);
                },
                failure -> {
                    LOG.warnf("outbox relay paused, retrying in %d ms: %s", retryMillis, failure.getMessage());
                    vertx.setTimer(retryMillis, id -> relay());
                    retryMillis = Math.min(retryMillis * 2, MAX_RETRY);
                    finish(false);
                });
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            relay();
        }
    }

    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("select id, topic, message_key, payload from outbox_event order by id limit $1 for update skip locked")
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    List<Uni<Void>> sends = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(send(row.getString("topic"), row.getString("message_key"), row.getString("payload")));
                    }
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> conn.preparedQuery("delete from outbox_event where id = any($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                }));
    }

    private Uni<Void> send(String topic, String key, String payload) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        return kafka.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
