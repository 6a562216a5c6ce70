package ai.wevion.connector.sync.service;

import ai.wevion.session.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Force sync and the gates other services ask before acting on an ad account (C5, C8). */
@ApplicationScoped
public class SyncService {

    public record Gate(boolean allowed, String platformUserId, String reason, String message) {
    }

    private final Pool pool;
    private final SyncRequests requests;
    private final Clock clock;
    private final GateCache gateCache;

    public SyncService(Pool pool, SyncRequests requests, Clock clock, GateCache gateCache) {
        this.pool = pool;
        this.gateCache = gateCache;
        this.requests = requests;
        this.clock = clock;
    }

    public Uni<UUID> force(UUID workspaceId, UUID adAccountId) {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("select workspace_id, coalesce(synced_until, tracked_since) as window_from "
                + "from ad_account where id = $1 and workspace_id = $2 for update").execute(Tuple.of(adAccountId, workspaceId))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("Ad account");
                    }
                    Row account = rows.iterator().next();
                    return SyncRequests.healthyCover(conn, adAccountId).chain(user -> {
                        if (user == null) {
                            throw new ApiException(409, "token_expired", "Token expired");
                        }
                        return requests.request(conn, workspaceId, adAccountId, user,
                                account.getOffsetDateTime("window_from").toInstant(), now, "FORCED", now);
                    });
                }));
    }

    /** Answered from local state: open while any covering user's token is healthy (C5, C6); in memory once asked. */
    public Uni<Gate> gate(UUID adAccountId) {
        return gateCache.get(adAccountId, () -> loadGate(adAccountId));
    }

    private Uni<Gate> loadGate(UUID adAccountId) {
        return pool.preparedQuery("select (select p.id from coverage c join platform_user p on p.id = c.platform_user_id "
                + "where c.ad_account_id = a.id and p.status = 'ACTIVE' order by p.last_refresh_at desc nulls last limit 1) as cover "
                + "from ad_account a where a.id = $1")
                .execute(Tuple.of(adAccountId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("Ad account");
                    }
                    UUID user = rows.iterator().next().getUUID("cover");
                    return user != null
                            ? new Gate(true, user.toString(), null, null)
                            : new Gate(false, null, "TOKEN_EXPIRED", "Token expired");
                });
    }
}
