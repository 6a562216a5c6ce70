package ai.wevion.token.refresh.service;

import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.store.TokenStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * What the refresh job did, per provider and reason, for dashboards and alerts
 * ({@code wevion_token_refresh_total{platform, outcome, reason}} on /q/metrics),
 * and how many records each platform has per status
 * ({@code wevion_tokens{platform, status}}, counted every 30 s: an alert on
 * expired tokens by platform reads it; docs/operations.md).
 * A provider refusing our own client credentials is an operator's problem, not
 * the users': it is logged as an error and never expires anyone's token.
 */
@ApplicationScoped
public class RefreshMetrics {

    private static final Logger LOG = Logger.getLogger(RefreshMetrics.class);

    private final MeterRegistry registry;
    private final TokenStores stores;
    private final MultiGauge tokens;

    public RefreshMetrics(MeterRegistry registry, TokenStores stores) {
        this.registry = registry;
        this.stores = stores;
        this.tokens = MultiGauge.builder("wevion.tokens").description("Connected platform users per platform and status")
                .register(registry);
    }

    @Scheduled(every = "${metrics.tokens-every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> countTokens() {
        return stores.counts()
                .invoke(counts -> tokens.register(counts.stream().map(c -> MultiGauge.Row.of(
                        Tags.of("platform", c.platform(), "status", c.status()), c.records())).toList(), true))
                .onFailure().invoke(e -> LOG.debugf("counting tokens failed (the last counts stay): %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
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
