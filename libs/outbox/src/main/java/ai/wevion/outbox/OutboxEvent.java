package ai.wevion.outbox;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

@Entity
public class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;

    public String messageKey;

    public String payload;

    /** The W3C traceparent of the span that wrote the row (null outside a trace). */
    public String traceParent;
}
