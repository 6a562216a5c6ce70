package ai.wevion.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs for {@code outbox_event} notifications (sent by a trigger when an
 * outbox row commits) and wakes the relay at once; reconnects by itself.
 */
@ApplicationScoped
public class OutboxListener {

    private static final Logger LOG = Logger.getLogger(OutboxListener.class);

    private final PgSubscriber subscriber;
    private final Instance<OutboxRelay> relay;

    public OutboxListener(Vertx vertx, Instance<OutboxRelay> relay,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.relay = relay;
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password));
    }

    void listen(@Observes StartupEvent event) {
        subscriber.reconnectPolicy(attempts -> 1000L);
        // the relay is looked up per notification: it is created only once a row has committed, after start-up
        subscriber.channel("outbox_event").handler(payload -> relay.get().relay());
        subscriber.connect().subscribe().with(ok -> { }, e -> LOG.warnf("outbox LISTEN failed: %s", e.getMessage()));
    }

    void close(@Observes ShutdownEvent event) {
        subscriber.closeAndForget();
    }
}
