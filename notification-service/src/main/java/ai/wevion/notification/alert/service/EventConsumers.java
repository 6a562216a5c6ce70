package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.service.Events.SyncResult;
import ai.wevion.notification.alert.service.Events.TokenStatus;
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
 * applied): nothing is lost. An unreadable event is logged and skipped.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final AlertService alerts;
    private final ObjectMapper json;

    public EventConsumers(AlertService alerts, ObjectMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    @Incoming("token-status")
    public Uni<Void> tokenStatus(String payload) {
        return consume("token-status", payload, TokenStatus.class,
                e -> e.eventId() != null && e.platformUserId() != null && e.workspaceId() != null && e.occurredAt() != null,
                alerts::apply);
    }

    @Incoming("sync-results")
    public Uni<Void> syncResults(String payload) {
        return consume("sync-results", payload, SyncResult.class,
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
            LOG.warnf("skipping a %s event without its required fields", topic);
            return Uni.createFrom().voidItem();
        }
        return apply.apply(event)
                .onFailure().invoke(e -> LOG.warnf("%s event not applied yet: %s", topic, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
