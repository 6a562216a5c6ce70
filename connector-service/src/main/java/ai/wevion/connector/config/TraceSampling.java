package ai.wevion.connector.config;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.contrib.sampler.RuleBasedRoutingSampler;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Which stories become traces (Quarkus takes the {@link Sampler} bean in place of its own).
 * A request that comes with a trace follows its caller's decision, so a story is traced whole
 * or not at all. Of the requests that start a trace, a gate check (another service asking
 * whether it may act on an ad account, thousands a second) is traced at
 * {@code connector.tracing.gate-sample-ratio}; every other story (a sync, an event, a card
 * list) always: they are few, and the ones on-call looks for.
 */
public class TraceSampling {

    static final String GATE_PATH = "^/internal/v1/ad-accounts/[^/]+/gate$";

    @Produces
    @Singleton
    Sampler sampler(ConnectorConfig config) {
        return of(config.tracing().gateSampleRatio());
    }

    static Sampler of(double gateRatio) {
        return Sampler.parentBased(RuleBasedRoutingSampler.builder(SpanKind.SERVER, Sampler.alwaysOn())
                .customize(UrlAttributes.URL_PATH, GATE_PATH, Sampler.traceIdRatioBased(gateRatio))
                .build());
    }
}
