package ai.wevion.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.semconv.UrlAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which requests start a trace: the session refresh (A2, every tab hourly) at a ratio, every other story whole. */
class TraceSamplingTest {

    private static final Attributes REFRESH = Attributes.of(UrlAttributes.URL_PATH, "/api/v1/auth/token");
    private static final Attributes LOGIN = Attributes.of(UrlAttributes.URL_PATH, "/api/v1/auth/login");

    private final IdGenerator ids = IdGenerator.random();

    @Test
    void aSessionRefreshWithNoCallerTraceStartsOneAtTheRatioWhileALoginAlwaysDoes() {
        int refreshes = 0;
        int logins = 0;
        for (int i = 0; i < 10_000; i++) {
            refreshes += traced(TraceSampling.of(0.1), Context.root(), REFRESH) ? 1 : 0;
            logins += traced(TraceSampling.of(0.1), Context.root(), LOGIN) ? 1 : 0;
        }
        assertThat(refreshes).isBetween(800, 1_200);
        assertThat(logins).isEqualTo(10_000);
    }

    @Test
    void aSessionRefreshInsideACallersSampledTraceIsTracedWithIt() {
        Context caller = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(ids.generateTraceId(),
                ids.generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault())));
        assertThat(traced(TraceSampling.of(0.0), caller, REFRESH)).isTrue();
        assertThat(traced(TraceSampling.of(0.0), Context.root(), REFRESH)).isFalse();
    }

    private boolean traced(io.opentelemetry.sdk.trace.samplers.Sampler sampler, Context parent, Attributes request) {
        return sampler.shouldSample(parent, ids.generateTraceId(), "POST", SpanKind.SERVER, request, List.of()).getDecision()
                == SamplingDecision.RECORD_AND_SAMPLE;
    }
}
