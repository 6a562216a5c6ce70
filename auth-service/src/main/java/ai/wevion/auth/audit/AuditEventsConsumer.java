package ai.wevion.auth.audit;

import ai.wevion.audit.AuditEntry;
import ai.wevion.audit.AuditLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * audit-events → auth-service's audit log, which thereby holds every
 * service's entries: its {@code /api/v1/admin/audit} is the one the gateway
 * routes. An entry is kept once (its id); a database outage holds the
 * partition and retries, so nothing is lost; an unreadable event is skipped.
 */
@ApplicationScoped
public class AuditEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AuditEventsConsumer.class);

    private final AuditLog log;
    private final ObjectMapper json;

    public AuditEventsConsumer(AuditLog log, ObjectMapper json) {
        this.log = log;
        this.json = json;
    }

    @Incoming("audit-events")
    public Uni<Void> consume(String payload) {
        AuditEntry entry;
        try {
            entry = json.readValue(payload, AuditEntry.class);
        } catch (Exception e) {
            LOG.warnf("skipping an unreadable audit-events event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (entry.eventId() == null || entry.workspaceId() == null || entry.actorId() == null || entry.action() == null
                || entry.occurredAt() == null || entry.requestId() == null || entry.service() == null) {
            LOG.warnf("skipping an audit-events event without its required fields");
            return Uni.createFrom().voidItem();
        }
        return log.keep(entry).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("audit entry %s not kept yet: %s", entry.eventId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
