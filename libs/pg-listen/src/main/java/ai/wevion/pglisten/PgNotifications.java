package ai.wevion.pglisten;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * One PostgreSQL LISTEN connection per replica, shared by whoever needs to
 * hear about commits made by other replicas. It reconnects by itself; a
 * listener is told each time its channel is (re)subscribed, because
 * notifications sent while disconnected are lost.
 */
@ApplicationScoped
public class PgNotifications {

    private static final Logger LOG = Logger.getLogger(PgNotifications.class);

    private final PgSubscriber subscriber;

    public PgNotifications(Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.subscriber = PgSubscriber.subscriber(vertx, PgConnectOptions.fromUri(url).setUser(user).setPassword(password));
        subscriber.reconnectPolicy(attempts -> 1000L);
    }

    /** Calls {@code onNotification} with each payload on {@code channel}, and {@code onSubscribed} after every (re)subscription. */
    public void listen(String channel, Consumer<String> onNotification, Runnable onSubscribed) {
        subscriber.channel(channel).subscribeHandler(onSubscribed::run).handler(onNotification::accept);
    }

    void connect(@Observes StartupEvent event) {
        subscriber.connect().subscribe().with(ok -> { }, e -> LOG.warnf("LISTEN failed: %s", e.getMessage()));
    }

    void close(@Observes ShutdownEvent event) {
        subscriber.closeAndForget();
    }
}
