package ai.wevion.connector.health.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.health.repository.PlatformUserRepository;
import ai.wevion.connector.health.service.Reconciliation.Trigger;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * When connector-service reconciles with token-service: at start when it
 * knows no platform user (a new install or a lost database), when the
 * token-status consumer finds that events were deleted before it read them,
 * and daily, for whatever else went missing.
 */
@ApplicationScoped
@Identifier(ReconciliationTriggers.OFFSETS_LISTENER)
public class ReconciliationTriggers implements KafkaConsumerRebalanceListener {

    /** The token-status channel's rebalance listener (application.properties). */
    public static final String OFFSETS_LISTENER = "token-status-offsets";

    private static final Logger LOG = Logger.getLogger(ReconciliationTriggers.class);

    private final Reconciliation reconciliation;
    private final PlatformUserRepository users;
    private final boolean enabled;

    public ReconciliationTriggers(Reconciliation reconciliation, PlatformUserRepository users, ConnectorConfig config) {
        this.reconciliation = reconciliation;
        this.users = users;
        this.enabled = config.reconcile().enabled();
    }

    void onStart(@Observes StartupEvent started) {
        if (enabled) {
            users.isEmpty().chain(empty -> empty ? start(Trigger.STARTED_EMPTY) : Uni.createFrom().voidItem())
                    .subscribe().with(ignored -> { }, e -> LOG.errorf("reconciliation at start gave up: %s", e.getMessage()));
        }
    }

    @Scheduled(cron = "${connector.reconcile.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> daily() {
        return enabled ? reconciliation.run(Trigger.DAILY).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** On the consumer's polling thread, before it reads: were events deleted past this group's offset? */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (!enabled || partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> logStart = consumer.beginningOffsets(partitions);
        boolean lost = partitions.stream().anyMatch(p -> {
            OffsetAndMetadata c = committed.get(p);
            return ReconcileRules.eventsLost(c == null ? null : c.offset(), logStart.getOrDefault(p, 0L));
        });
        if (lost) {
            LOG.warnf("token-status events were deleted before this service read them (%s): reconciling with token-service", partitions);
            start(Trigger.EVENTS_LOST).subscribe().with(ignored -> { }, e -> LOG.errorf("reconciliation gave up: %s", e.getMessage()));
        }
    }

    /** Runs now, and again with a growing pause while token-service or auth-service cannot answer (they may be starting too). */
    private Uni<Void> start(Trigger trigger) {
        return reconciliation.run(trigger)
                .onFailure().invoke(e -> LOG.warnf("reconciliation (%s) failed, trying again: %s", trigger, e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
                .replaceWithVoid();
    }
}
