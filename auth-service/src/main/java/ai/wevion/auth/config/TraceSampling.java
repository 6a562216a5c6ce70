package ai.wevion.auth.config;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.contrib.sampler.RuleBasedRoutingSampler;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.semconv.UrlAttributes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Which stories become traces (Quarkus takes the {@link Sampler} bean in place of its own).
 * A request that comes with a trace follows its caller's decision, so a story is traced whole
 * or not at all. Of the requests that start a trace, a session refresh (a fresh JWT from the
 * cookie, A2: every open tab, every hour) is traced at {@code auth.tracing.refresh-sample-ratio};
 * every other story (a login, a signup, a change to a team) always.
 */
public class TraceSampling {

    static final String REFRESH_PATH = "^/api/v1/auth/token$";

    @Produces
    @Singleton
    Sampler sampler(AuthConfig config) {
        return of(config.tracing().refreshSampleRatio());
    }

    static Sampler of(double refreshRatio) {
        return Sampler.parentBased(RuleBasedRoutingSampler.builder(SpanKind.SERVER, Sampler.alwaysOn())
                .customize(UrlAttributes.URL_PATH, REFRESH_PATH, Sampler.traceIdRatioBased(refreshRatio))
                .build());
    }
}
