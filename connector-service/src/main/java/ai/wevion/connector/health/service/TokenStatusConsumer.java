package ai.wevion.connector.health.service;

import ai.wevion.connector.event.TokenStatus;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * token-status → the projection. A database outage holds the partition and
 * retries (the offset is committed only after the event is applied): nothing
 * is lost. An unreadable event is logged and skipped.
 */
@ApplicationScoped
public class TokenStatusConsumer {

    private static final Logger LOG = Logger.getLogger(TokenStatusConsumer.class);

    private final HealthProjectionService projection;
    private final ObjectMapper json;

    public TokenStatusConsumer(HealthProjectionService projection, ObjectMapper json) {
        this.projection = projection;
        this.json = json;
    }

    @Incoming("token-status")
    public Uni<Void> consume(String payload) {
        TokenStatus event;
        try {
            event = json.readValue(payload, TokenStatus.class);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable token-status event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.eventId() == null || event.platformUserId() == null || event.occurredAt() == null) {
            LOG.warnf("skipping a token-status event without eventId, platformUserId or occurredAt");
            return Uni.createFrom().voidItem();
        }
        return projection.apply(event)
                .onFailure().invoke(e -> LOG.warnf("token-status event %s not applied yet: %s", event.eventId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
