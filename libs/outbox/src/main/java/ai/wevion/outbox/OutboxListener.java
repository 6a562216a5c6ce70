package ai.wevion.outbox;

import ai.wevion.pglisten.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Wakes the relay: at once on {@code outbox_event} notifications (sent by a
 * trigger when an outbox row commits), and every poll interval as a safety
 * net — both only after start-up, when messaging is wired.
 */
@ApplicationScoped
public class OutboxListener {

    private final PgNotifications notifications;
    private final Instance<OutboxRelay> relay;
    private volatile boolean started;

    public OutboxListener(PgNotifications notifications, Instance<OutboxRelay> relay) {
        this.notifications = notifications;
        this.relay = relay;
    }

    void listen(@Observes StartupEvent event) {
        started = true;
        // the relay is looked up per notification: it is created only once a row has committed, after start-up
        notifications.listen("outbox_event", payload -> relay.get().relay(), () -> relay.get().relay());
    }

    @Scheduled(every = "${outbox.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            relay.get().relay();
        }
    }
}
