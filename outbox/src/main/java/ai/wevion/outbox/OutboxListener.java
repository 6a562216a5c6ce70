package ai.wevion.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wakes the relay: at once on {@code outbox_event} notifications (sent by a
 * trigger when an outbox row commits; the subscription reconnects by itself),
 * and every poll interval as a safety net — both only after start-up, when
 * messaging is wired.
 */
@ApplicationScoped
public class OutboxListener {

    private static final Logger LOG = Logger.getLogger(OutboxListener.class);

    private final PgSubscriber subscriber;
    private final Instance<OutboxRelay> relay;
    private volatile boolean started;

    public OutboxListener(Vertx vertx, Instance<OutboxRelay> relay,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password));
    }

    void listen(@Observes StartupEvent event) {
        started = true;
        subscriber.reconnectPolicy(attempts -> 1000L);
        // the relay is looked up per notification: it is created only once a row has committed, after start-up
        subscriber.channel("outbox_event").handler(payload -> relay.get().relay());
        subscriber.connect().subscribe().with(ok -> { }, e -> LOG.warnf("outbox LISTEN failed: %s", e.getMessage()));
    }

    @Scheduled(every = "${outbox.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (started) {
            relay.get().relay();
        }
    }

    void close(@Observes ShutdownEvent event) {
        subscriber.closeAndForget();
    }
}
