package ai.wevion.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.semconv.UrlAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests start a trace: the gate check (C5) at a ratio, every other story whole (docs/operations.md, Traces). */
class TraceSamplingTest {

    private static final Attributes GATE_CHECK =
            Attributes.of(UrlAttributes.URL_PATH, "/internal/v1/ad-accounts/0b9a3f64-64a4-4c55-9f3e-43c1b1d8c2a7/gate");
    private static final Attributes CARD_LIST = Attributes.of(UrlAttributes.URL_PATH, "/api/v1/connectors");
    private static final int REQUESTS = 10_000;

    private final IdGenerator ids = IdGenerator.random();

    @Test
    void gateChecksThatStartATraceAreTracedAtTheRatio() {
        assertThat(tracedShare(TraceSampling.of(0.1), Context.root(), SpanKind.SERVER, GATE_CHECK)).isBetween(0.08, 0.12);
        assertThat(tracedShare(TraceSampling.of(1.0), Context.root(), SpanKind.SERVER, GATE_CHECK)).isEqualTo(1.0);
    }

    @Test
    void everyOtherStoryIsAlwaysTraced() {
        Sampler sampler = TraceSampling.of(0.0);
        assertThat(tracedShare(sampler, Context.root(), SpanKind.SERVER, CARD_LIST)).isEqualTo(1.0);
        // the sync schedule and the refresh of the projection are jobs: root spans that are not HTTP requests
        assertThat(tracedShare(sampler, Context.root(), SpanKind.INTERNAL, Attributes.empty())).isEqualTo(1.0);
    }

    @Test
    void aGateCheckFollowsItsCallersDecisionSoAStoryIsWholeOrAbsent() {
        Sampler sampler = TraceSampling.of(0.0);
        assertThat(tracedShare(sampler, callerTrace(TraceFlags.getSampled()), SpanKind.SERVER, GATE_CHECK)).isEqualTo(1.0);
        assertThat(tracedShare(TraceSampling.of(1.0), callerTrace(TraceFlags.getDefault()), SpanKind.SERVER, CARD_LIST))
                .isEqualTo(0.0);
    }

    private Context callerTrace(TraceFlags flags) {
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(ids.generateTraceId(), ids.generateSpanId(),
                flags, TraceState.getDefault())));
    }

    private double tracedShare(Sampler sampler, Context parent, SpanKind kind, Attributes attributes) {
        int traced = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (sampler.shouldSample(parent, ids.generateTraceId(), "GET", kind, attributes, List.of()).getDecision()
                    == SamplingDecision.RECORD_AND_SAMPLE) {
                traced++;
            }
        }
        return (double) traced / REQUESTS;
    }
}
