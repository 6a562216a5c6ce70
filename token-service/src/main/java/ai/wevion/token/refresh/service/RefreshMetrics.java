package ai.wevion.token.refresh.service;

import ai.wevion.token.provider.ProviderFailure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the refresh job did, per provider and reason, for dashboards and alerts
 * ({@code wevion_token_refresh_total{platform, outcome, reason}} on /q/metrics).
 * A provider refusing our own client credentials is an operator's problem, not
 * the users': it is logged as an error and never expires anyone's token.
 */
@ApplicationScoped
public class RefreshMetrics {

    private static final Logger LOG = Logger.getLogger(RefreshMetrics.class);

    private final MeterRegistry registry;

    public RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refreshed(String platform) {
        count(platform, "refreshed", "none");
    }

    void expired(String platform, String reason) {
        count(platform, "expired", reason);
    }

    void failed(String platform, ProviderFailure failure) {
        count(platform, failure.isPermanent() ? "expired" : "deferred", failure.reason());
        if ("INVALID_CLIENT".equals(failure.reason())) {
            LOG.errorf("%s refuses our client credentials (%s): its refreshes wait, and no user is told their token expired,"
                    + " until the provider-credentials secret is fixed", platform, failure.detail());
        }
    }

    private void count(String platform, String outcome, String reason) {
        registry.counter("wevion.token.refresh", "platform", platform, "outcome", outcome, "reason", reason).increment();
    }
}
