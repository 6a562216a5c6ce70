package ai.wevion.token.refresh;

import ai.wevion.token.refresh.service.RefreshService;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every 12 hours the sweep (T3); every minute the OAuth 2.0 access tokens
 * within their buffer, and the deferred tokens whose retry time has come
 * or whose claim lapsed unfinished (a replica died mid-refresh) (T4).
 * Each run is a trace of its own: the provider calls, the writes and the
 * events it causes (and their consumers in other services) are in it.
 */
@ApplicationScoped
public class RefreshJob {

    private final RefreshService refresh;

    public RefreshJob(RefreshService refresh) {
        this.refresh = refresh;
    }

    @Scheduled(identity = "refresh-sweep", every = "${token.refresh.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSpan("refresh sweep")
    Uni<Void> sweep() {
        return refresh.sweep().replaceWithVoid();
    }

    @Scheduled(identity = "refresh-oauth", every = "${token.refresh.oauth-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSpan("refresh short-lived tokens")
    Uni<Void> oauth() {
        return refresh.shortLivedSweep().replaceWithVoid();
    }

    @Scheduled(identity = "refresh-retries", every = "${token.refresh.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithSpan("refresh retries")
    Uni<Void> retries() {
        return refresh.retryDeferred().replaceWithVoid();
    }
}
