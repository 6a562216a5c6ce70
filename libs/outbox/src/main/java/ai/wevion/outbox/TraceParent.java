package ai.wevion.outbox;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace context written down as a W3C {@code traceparent} and read back:
 * how an outbox row carries its writer's trace across the commit to the relay.
 */
final class TraceParent {

    private static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** The current span's traceparent, or null when no span is current (a row written outside any trace). */
    static String current() {
        Map<String, String> carrier = new HashMap<>(1);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context to continue: the written span as remote parent, or none for a row without one. */
    static Context of(String traceParent) {
        if (traceParent == null) {
            return null;
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, GETTER);
    }

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };
}
