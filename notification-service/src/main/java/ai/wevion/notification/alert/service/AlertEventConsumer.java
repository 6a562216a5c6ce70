package ai.wevion.notification.alert.service;

import ai.wevion.notification.event.SyncResult;
import ai.wevion.notification.event.TokenStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * token-status and sync-results → alerts. A database outage holds the
 * partition and retries (the offset is committed only after the event is
 * applied): nothing is lost. An unreadable event is logged and skipped, and
 * so is a sync-results event of a type this service does not know.
 */
@ApplicationScoped
public class AlertEventConsumer {

    private static final Logger LOG = Logger.getLogger(AlertEventConsumer.class);

    private final AlertService alerts;
    private final ObjectMapper json;

    public AlertEventConsumer(AlertService alerts, ObjectMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    @Incoming("token-status")
    public Uni<Void> tokenStatus(String payload) {
        return consume(TokenStatus.TOPIC, payload, TokenStatus.class,
                e -> e.eventId() != null && e.platformUserId() != null && e.workspaceId() != null && e.occurredAt() != null,
                alerts::apply);
    }

    @Incoming("sync-results")
    public Uni<Void> syncResults(String payload) {
        return consume(SyncResult.TOPIC, payload, SyncResult.class,
                e -> e.eventId() != null && e.adAccountId() != null && e.workspaceId() != null && e.type() != null,
                alerts::apply);
    }

    private <T> Uni<Void> consume(String topic, String payload, Class<T> type, Predicate<T> complete, Function<T, Uni<Void>> apply) {
        T event;
        try {
            event = json.readValue(payload, type);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable %s event: %s", topic, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!complete.test(event)) {
            LOG.warnf("skipping a %s event without its required fields or of an unknown type", topic);
            return Uni.createFrom().voidItem();
        }
        return apply.apply(event)
                .onFailure().invoke(e -> LOG.warnf("%s event not applied yet: %s", topic, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
