package ai.wevion.connector.sync.repository;

import static ai.wevion.connector.repository.Timestamps.utc;

import ai.wevion.connector.event.SyncTrigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Table {@code sync_request}: every window requested, and how it ended (C1, C7, C8). */
@ApplicationScoped
public class SyncRequestRepository {

    /** How a requested window ended, as sync-results told. */
    public enum Outcome {
        COMPLETED,
        FAILED
    }

    public Uni<Void> insert(SqlConnection conn, UUID requestId, UUID adAccountId, UUID platformUserId, Instant from, Instant to,
            SyncTrigger trigger, Instant now) {
        return conn.preparedQuery("insert into sync_request (request_id, ad_account_id, platform_user_id, window_from, "
                + "window_to, trigger, requested_at) values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(List.of(requestId, adAccountId, platformUserId, utc(from), utc(to), trigger.name(), utc(now))))
                .replaceWithVoid();
    }

    /** The newest request for this account still pending since {@code since}, if any. */
    public Uni<UUID> pending(SqlConnection conn, UUID adAccountId, Instant since) {
        return conn.preparedQuery("select request_id from sync_request where ad_account_id = $1 and completed_at is null "
                + "and requested_at > $2 order by requested_at desc limit 1")
                .execute(Tuple.of(adAccountId, utc(since)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID(0) : null);
    }

    /** The Force syncs the workspace requested since {@code since}: how many, and when the oldest was. */
    public Uni<Recent> forcedSince(SqlConnection conn, UUID workspaceId, Instant since) {
        return conn.preparedQuery("select count(*), min(r.requested_at) from sync_request r join ad_account a on a.id = r.ad_account_id "
                + "where a.workspace_id = $1 and r.trigger = 'FORCED' and r.requested_at > $2")
                .execute(Tuple.of(workspaceId, utc(since)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Recent(row.getLong(0), row.getOffsetDateTime(1) == null ? null : row.getOffsetDateTime(1).toInstant());
                });
    }

    /** A count of requests and the time of the oldest (null when none). */
    public record Recent(long count, Instant oldest) {
    }

    public Uni<Void> complete(SqlConnection conn, UUID requestId, Outcome outcome, Instant now) {
        return conn.preparedQuery("update sync_request set completed_at = $2, outcome = $3 where request_id = $1")
                .execute(Tuple.of(requestId, utc(now), outcome.name()))
                .replaceWithVoid();
    }
}
