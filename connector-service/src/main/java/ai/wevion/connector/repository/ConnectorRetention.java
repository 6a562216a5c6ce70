package ai.wevion.connector.repository;

import ai.wevion.retention.RetentionRule;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** connector-service's tables that would grow for ever, and how long their rows stay (libs/retention purges them). */
@Dependent
public class ConnectorRetention {

    /**
     * An event id guards against Kafka delivering the same event twice, which
     * happens within minutes (a rebalance before a commit). Three days is ample;
     * an older event replayed after that is still refused by each credential's
     * {@code last_event_at} ordering.
     */
    @Produces
    @Singleton
    RetentionRule processedEvents() {
        return new RetentionRule("processed_event", "processed_at", Duration.ofDays(3));
    }

    /** A completed sync request is kept a month (the sync history an on-call engineer reads); an open one is never purged. */
    @Produces
    @Singleton
    RetentionRule completedSyncRequests() {
        return new RetentionRule("sync_request", "completed_at", Duration.ofDays(30));
    }
}
