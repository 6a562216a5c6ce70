package ai.wevion.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link Outbox} for a service that writes its state through Hibernate Reactive:
 * the event is persisted in the current Panache transaction. Hibernate Reactive is
 * an optional dependency of this module: only a service that has it injects this
 * class (and maps {@link OutboxEvent}); the others write with plain SQL and never
 * load Hibernate.
 */
@ApplicationScoped
public class PanacheOutbox {

    private final Outbox outbox;

    public PanacheOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> add(String topic, String key, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.topic = topic;
        row.messageKey = key;
        row.payload = outbox.toJson(event);
        row.traceParent = TraceParent.current();
        return Panache.getSession().chain(session -> session.persist(row));
    }
}
