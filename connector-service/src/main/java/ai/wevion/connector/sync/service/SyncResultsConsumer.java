package ai.wevion.connector.sync.service;

import ai.wevion.connector.event.SyncResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * sync-results → {@link SyncService#record}. A database outage holds the
 * partition and retries (the offset is committed only after the event is
 * applied): nothing is lost. An unreadable event is logged and skipped.
 */
@ApplicationScoped
public class SyncResultsConsumer {

    private static final Logger LOG = Logger.getLogger(SyncResultsConsumer.class);

    private final SyncService sync;
    private final ObjectMapper json;

    public SyncResultsConsumer(SyncService sync, ObjectMapper json) {
        this.sync = sync;
        this.json = json;
    }

    @Incoming("sync-results")
    public Uni<Void> consume(String payload) {
        SyncResult result;
        try {
            result = json.readValue(payload, SyncResult.class);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable sync-results event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return sync.record(result).onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
