package ai.wevion.outbox;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker has
 * acknowledged them. Woken by {@link OutboxListener} on commit and, as a safety
 * net (missed notification, broker down), every few seconds. Rows are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same row at
 * the same time. Each row is acknowledged on its own (the producer is
 * idempotent, acks=all): a batch the broker takes only in part — it went away
 * mid-batch — deletes the rows it acknowledged and leaves the rest, so nothing
 * is sent twice; a row after an unacknowledged one with the same key is kept
 * too, so a key's events never overtake each other. Still at least once: a
 * relay that dies between the broker's answer and the delete sends those rows
 * again (consumers are idempotent). The next run after a failure comes 200 ms
 * later, then twice as late each time up to 5 s (a broker that returns gets
 * the backlog at once, not at the next poll). A record continues the trace its
 * row was written in ({@link TraceParent}).
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
                batch -> {
                    if (batch.unsent() == 0) {
                        retryMillis = FIRST_RETRY;
                        finish(batch.claimed() == BATCH);
                    } else {
                        paused(batch.unsent() + " of " + batch.claimed() + " rows not acknowledged: " + batch.failure());
                    }
                },
                failure -> paused(failure.getMessage()));
    }

    private void paused(String why) {
        LOG.warnf("outbox relay paused, retrying in %d ms: %s", retryMillis, why);
        vertx.setTimer(retryMillis, id -> relay());
        retryMillis = Math.min(retryMillis * 2, MAX_RETRY);
        finish(false);
    }

    private void finish(boolean more) {
        running.set(false);
        if (more || again.get()) {
            relay();
        }
    }

    /** One run: how many rows it claimed, how many of them are still waiting, and the first send failure. */
    record Batch(int claimed, int unsent, String failure) {
    }

    private record Row(long id, String key, Uni<Boolean> acknowledged) {
    }

    Uni<Batch> relayBatch() {
        return pool.withTransaction(conn -> conn
                .preparedQuery("select id, topic, message_key, payload, trace_parent from outbox_event order by id limit $1 for update skip locked")
                .execute(Tuple.of(BATCH))
                .chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    AtomicReference<String> firstFailure = new AtomicReference<>();
                    for (var row : rows) {
                        Uni<Boolean> acknowledged = send(row.getString("topic"), row.getString("message_key"), row.getString("payload"),
                                        row.getString("trace_parent"))
                                .replaceWith(true)
                                .onFailure().recoverWithItem(e -> {
                                    firstFailure.compareAndSet(null, e.getMessage());
                                    return false;
                                });
                        claimed.add(new Row(row.getLong("id"), row.getString("message_key"), acknowledged));
                    }
                    if (claimed.isEmpty()) {
                        return Uni.createFrom().item(new Batch(0, 0, null));
                    }
                    return Uni.join().all(claimed.stream().map(Row::acknowledged).toList()).andCollectFailures()
                            .chain(acks -> {
                                List<Long> done = sentInOrder(claimed, acks);
                                Batch batch = new Batch(claimed.size(), claimed.size() - done.size(), firstFailure.get());
                                return done.isEmpty() ? Uni.createFrom().item(batch)
                                        : conn.preparedQuery("delete from outbox_event where id = any($1)")
                                                .execute(Tuple.of(done.toArray(Long[]::new))).replaceWith(batch);
                            });
                }));
    }

    /** The rows to delete: acknowledged ones, except those after an unacknowledged row of their key (sent again, in order). */
    private static List<Long> sentInOrder(List<Row> claimed, List<Boolean> acks) {
        List<Long> done = new ArrayList<>();
        Set<String> held = new HashSet<>();
        for (int i = 0; i < claimed.size(); i++) {
            Row row = claimed.get(i);
            if (!acks.get(i)) {
                held.add(String.valueOf(row.key()));
            } else if (!held.contains(String.valueOf(row.key()))) {
                done.add(row.id());
            }
        }
        return done;
    }

    private Uni<Void> send(String topic, String key, String payload, String traceParent) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .build();
        Message<String> message = Message.of(payload).addMetadata(metadata);
        Context written = TraceParent.of(traceParent);
        if (written != null) {
            // the connector's producer span (and the traceparent header it writes) continues the writer's trace
            message = message.addMetadata(TracingMetadata.withCurrent(written));
        }
        return kafka.sendMessage(message);
    }
}
