package ai.wevion.connector.sync.service;

import ai.wevion.connector.health.service.Events.SyncRequested;
import ai.wevion.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Records a sync window and announces it on sync-requests, in the caller's transaction. */
@ApplicationScoped
public class SyncRequests {

    private final Outbox outbox;

    public SyncRequests(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Window ends are kept at the database's precision (microseconds), so that windows chain without a gap. */
    public Uni<UUID> request(SqlConnection conn, UUID workspaceId, UUID adAccountId, UUID platformUserId, Instant windowFrom,
            Instant windowTo, String trigger, Instant now) {
        UUID requestId = UUID.randomUUID();
        Instant from = windowFrom.truncatedTo(ChronoUnit.MICROS);
        Instant to = windowTo.truncatedTo(ChronoUnit.MICROS);
        return conn.preparedQuery("insert into sync_request (request_id, ad_account_id, platform_user_id, window_from, "
                + "window_to, trigger, requested_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(java.util.List.of(requestId, adAccountId, platformUserId, utc(from), utc(to), trigger, utc(now))))
                .chain(() -> outbox.add(conn, SyncRequested.TOPIC, adAccountId.toString(), new SyncRequested(
                        UUID.randomUUID().toString(), "SYNC_REQUESTED", now, workspaceId.toString(), requestId.toString(),
                        adAccountId.toString(), platformUserId.toString(), from, to, trigger)))
                .replaceWith(requestId);
    }

    /** The healthy platform user to sync through: the most recently refreshed one covering the account. */
    public static Uni<UUID> healthyCover(SqlConnection conn, UUID adAccountId) {
        return conn.preparedQuery("select p.id from coverage c join platform_user p on p.id = c.platform_user_id "
                + "where c.ad_account_id = $1 and p.status = 'ACTIVE' order by p.last_refresh_at desc nulls last limit 1")
                .execute(Tuple.of(adAccountId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID(0) : null);
    }

    public static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
