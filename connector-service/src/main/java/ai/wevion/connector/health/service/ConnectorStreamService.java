package ai.wevion.connector.health.service;

import ai.wevion.connector.health.repository.PlatformUserRepository;
import ai.wevion.connector.health.service.CardRules.Snapshot;
import ai.wevion.pglisten.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
public class ConnectorStreamService {

    public record Versioned(String version, Snapshot snapshot) {
    }

    private static final Logger LOG = Logger.getLogger(ConnectorStreamService.class);

    private final Map<UUID, Workspace> byWorkspace = new ConcurrentHashMap<>();
    private final ConnectorService connectors;
    private final PgNotifications notifications;

    public ConnectorStreamService(ConnectorService connectors, PgNotifications notifications) {
        this.connectors = connectors;
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent event) {
        // after a reconnect every stream looks again: notifications sent meanwhile are lost
        notifications.listen(PlatformUserRepository.CARDS_CHANNEL, ws -> wake(UUID.fromString(ws)),
                () -> byWorkspace.keySet().forEach(this::wake));
    }

    /** The workspace's cards now and after every change, skipping the version the browser already has. */
    public Multi<Versioned> open(UUID workspaceId, String lastEventId) {
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(emitter, lastEventId);
            byWorkspace.computeIfAbsent(workspaceId, k -> new Workspace()).watchers.add(watcher);
            emitter.onTermination(() -> byWorkspace.computeIfPresent(workspaceId, (k, w) -> {
                w.watchers.remove(watcher);
                return w.watchers.isEmpty() ? null : w;
            }));
            wake(workspaceId); // the new page gets the cards as they are now
        });
    }

    /**
     * Reads the workspace's cards and offers them to its streams: one read at a
     * time per workspace, and once more if woken meanwhile, so an older read can
     * never arrive after a newer one.
     */
    private void wake(UUID workspaceId) {
        Workspace w = byWorkspace.get(workspaceId);
        if (w == null) {
            return;
        }
        w.again.set(true);
        if (!w.loading.compareAndSet(false, true)) {
            return;
        }
        w.again.set(false);
        load(workspaceId).subscribe().with(v -> {
            w.watchers.forEach(watcher -> watcher.offer(v));
            w.loading.set(false);
            if (w.again.get()) {
                wake(workspaceId);
            }
        }, e -> {
            w.loading.set(false);
            LOG.warnf("card stream paused: %s", e.getMessage());
        });
    }

    private Uni<Versioned> load(UUID workspaceId) {
        return connectors.snapshot(workspaceId)
                .map(s -> new Versioned(Integer.toHexString(s.hashCode()), s));
    }

    /** A workspace's open streams, and whether a read of its cards is under way. */
    private static final class Workspace {
        private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean loading = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
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
