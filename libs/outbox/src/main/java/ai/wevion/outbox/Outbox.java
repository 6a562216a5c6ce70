package ai.wevion.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes an event in the caller's transaction (a plain SQL connection), so that a
 * state change and its event commit together or not at all; {@link OutboxRelay}
 * sends it to Kafka. {@link PanacheOutbox} does the same in a Hibernate Reactive
 * transaction.
 * Each row keeps the trace it was written in, so the record's producer span,
 * and the consumers' spans after it, belong to the story that caused it
 * (the HTTP request, the refresh sweep) rather than to the relay's poll.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (topic, message_key, payload, trace_parent) values ($1, $2, $3, $4)";

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** One event, in the transaction of the caller's connection. */
    public Uni<Void> add(SqlConnection connection, String topic, String key, Object event) {
        return connection.preparedQuery(INSERT)
                .execute(Tuple.of(topic, key, toJson(event), TraceParent.current()))
                .replaceWithVoid();
    }

    /** One event to write: its record key and body. */
    public record Message(String key, Object event) {
    }

    /** Several events in the caller's transaction, the insert sent once for all of them (a pipelined batch), in this order. */
    public Uni<Void> add(SqlConnection connection, String topic, List<Message> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String traceParent = TraceParent.current();
        return connection.preparedQuery(INSERT)
                .executeBatch(messages.stream().map(m -> Tuple.of(topic, m.key(), toJson(m.event()), traceParent)).toList())
                .replaceWithVoid();
    }

    String toJson(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON", e);
        }
    }
}
