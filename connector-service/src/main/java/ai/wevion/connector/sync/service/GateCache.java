package ai.wevion.connector.sync.service;

import ai.wevion.connector.sync.service.SyncService.Gate;
import ai.wevion.pglisten.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The gates this replica has answered, so that a gate check needs no I/O
 * (C5). Any projection change that can move a gate clears it: at once in the
 * replica that made the change, and through a {@code gate_changed}
 * notification (sent on commit) in every other one. Cleared too whenever the
 * LISTEN connection is re-established, since notifications sent meanwhile
 * are lost.
 */
@ApplicationScoped
public class GateCache {

    static final String CHANNEL = "gate_changed";
    private static final int MAX_ENTRIES = 200_000;

    private final Map<UUID, Gate> gates = new ConcurrentHashMap<>();
    // bumped on every invalidation: an answer read from the database before it is not kept
    private final AtomicLong generation = new AtomicLong();
    private final PgNotifications notifications;

    public GateCache(PgNotifications notifications) {
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent event) {
        notifications.listen(CHANNEL, payload -> invalidate(), this::invalidate);
    }

    public Uni<Gate> get(UUID adAccountId, Supplier<Uni<Gate>> load) {
        Gate cached = gates.get(adAccountId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long seen = generation.get();
        return load.get().invoke(gate -> {
            if (gates.size() >= MAX_ENTRIES) {
                gates.clear();
            }
            gates.put(adAccountId, gate);
            if (generation.get() != seen) {
                gates.remove(adAccountId); // invalidated while loading: the answer may be stale
            }
        });
    }

    /** Within a projection transaction: tells the other replicas, on commit, that gates may have moved. */
    public static Uni<Void> announceChange(SqlConnection conn) {
        return conn.query("select pg_notify('" + CHANNEL + "', '')").execute().replaceWithVoid();
    }

    public void invalidate() {
        generation.incrementAndGet();
        gates.clear();
    }
}
