package ai.wevion.connector.health.service;

import ai.wevion.connector.health.service.ConnectorViews.Snapshot;
import ai.wevion.pglisten.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The open card streams of this replica: each gets the workspace's cards and
 * banners when it opens and again whenever they change (C2–C4, "within
 * seconds"). Every projection change sends a {@code connector_changed}
 * notification on commit, whichever replica made it; a stream sends a
 * snapshot only when it differs from the last one it sent, and the snapshot's
 * version is its event id, so a browser that reconnects with
 * {@code Last-Event-ID} gets nothing it already has.
 */
@ApplicationScoped
public class ConnectorStreams {

    public record Versioned(String version, Snapshot snapshot) {
    }

    static final String CHANNEL = "connector_changed";
    private static final Logger LOG = Logger.getLogger(ConnectorStreams.class);

    private final Map<UUID, Set<Watcher>> byWorkspace = new ConcurrentHashMap<>();
    private final HealthQueries queries;
    private final PgNotifications notifications;

    public ConnectorStreams(HealthQueries queries, PgNotifications notifications) {
        this.queries = queries;
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent event) {
        // after a reconnect every stream looks again: notifications sent meanwhile are lost
        notifications.listen(CHANNEL, ws -> wake(UUID.fromString(ws)), () -> byWorkspace.keySet().forEach(this::wake));
    }

    /** Within a projection transaction: the workspace's cards may have changed (sent on commit). */
    public static Uni<Void> announceChange(SqlConnection conn, UUID workspaceId) {
        return conn.preparedQuery("select pg_notify('" + CHANNEL + "', $1)").execute(Tuple.of(workspaceId.toString()))
                .replaceWithVoid();
    }

    /** The workspace's cards now and after every change, skipping the version the browser already has. */
    public Multi<Versioned> open(UUID workspaceId, String lastEventId) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(emitter, lastEventId);
            byWorkspace.computeIfAbsent(workspaceId, k -> ConcurrentHashMap.newKeySet()).add(watcher);
            emitter.onTermination(() -> byWorkspace.computeIfPresent(workspaceId, (k, set) -> {
                set.remove(watcher);
                return set.isEmpty() ? null : set;
            }));
            load(workspaceId).subscribe().with(watcher::offer, emitter::fail);
        });
    }

    private void wake(UUID workspaceId) {
        Set<Watcher> watchers = byWorkspace.get(workspaceId);
        if (watchers == null || watchers.isEmpty()) {
            return;
        }
        load(workspaceId).subscribe().with(v -> watchers.forEach(w -> w.offer(v)),
                e -> LOG.warnf("card stream paused: %s", e.getMessage()));
    }

    private Uni<Versioned> load(UUID workspaceId) {
        return queries.platformUsers(workspaceId).map(ConnectorViews::snapshot)
                .map(s -> new Versioned(Integer.toHexString(s.hashCode()), s));
    }

    private static final class Watcher {
        private final MultiEmitter<? super Versioned> emitter;
        private String sent;

        Watcher(MultiEmitter<? super Versioned> emitter, String lastEventId) {
            this.emitter = emitter;
            this.sent = lastEventId;
        }

        synchronized void offer(Versioned v) {
            if (!v.version().equals(sent) && !emitter.isCancelled()) {
                sent = v.version();
                emitter.emit(v);
            }
        }
    }
}
