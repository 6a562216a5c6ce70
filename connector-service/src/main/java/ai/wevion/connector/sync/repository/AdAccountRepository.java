package ai.wevion.connector.sync.repository;

import static ai.wevion.connector.repository.Timestamps.instant;
import static ai.wevion.connector.repository.Timestamps.utc;

import ai.wevion.connector.event.TokenStatus.AdAccountRef;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Table {@code ad_account}, its only writer: tracked from token-status, gated
 * (C5), scheduled (C1) and moved on by completed syncs (C7). Reads
 * {@code coverage} and {@code platform_user} for an account's healthy cover.
 * Also sends the {@code gate_changed} notification that clears every
 * replica's gate answers.
 */
@ApplicationScoped
public class AdAccountRepository {

    /** Sent on commit whenever a gate answer may have moved, whichever replica moved it. */
    public static final String GATES_CHANNEL = "gate_changed";

    /**
     * The most recently refreshed ACTIVE user covering ad account {@code a}: the
     * one a sync goes through; the account's gates are open while there is one
     * (C5, C6). The one definition of a healthy cover.
     */
    private static final String HEALTHY_COVER = "(select p.id from coverage c join platform_user p on p.id = c.platform_user_id "
            + "where c.ad_account_id = a.id and p.status = 'ACTIVE' order by p.last_refresh_at desc nulls last limit 1)";

    /** An account's healthy cover; {@code healthyUser} is null when no healthy platform user covers it. */
    public record Cover(UUID healthyUser) {
    }

    /** Where an account's next window starts: the end of its last completed sync, or when it was first tracked (C7). */
    public record SyncPoint(UUID adAccountId, UUID workspaceId, Instant windowFrom) {
    }

    /** An account whose gate just opened or closed, and where its sync gap starts. */
    public record GateMove(UUID adAccountId, UUID workspaceId, boolean open, Instant gapFrom) {
    }

    public record AdAccountRow(String adAccountId, String platform, String externalId, String name, boolean gateOpen,
            List<String> coveredBy, Instant lastSyncedAt) {
    }

    private final Pool pool;

    public AdAccountRepository(Pool pool) {
        this.pool = pool;
    }

    /** Tracks an account from now on (its first sync at {@code firstSyncAt}); a known one only takes the new name. */
    public Uni<Void> track(SqlConnection conn, UUID workspaceId, String platform, AdAccountRef a, Instant now, Instant firstSyncAt) {
        return conn.preparedQuery("""
                insert into ad_account (id, workspace_id, platform, external_id, name, tracked_since, next_sync_at)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (id) do update set name = excluded.name""")
                .execute(Tuple.tuple(List.of(UUID.fromString(a.adAccountId()), workspaceId, platform, a.externalId(), a.shownName(),
                        utc(now), utc(firstSyncAt))))
                .replaceWithVoid();
    }

    /**
     * Sets each account's gate from its coverage: open while it has a healthy
     * cover (C5, C6). A gate that opens is due a sync at {@code nextSyncAt}.
     * Answers the accounts whose gate moved.
     */
    public Uni<List<GateMove>> regate(SqlConnection conn, List<UUID> adAccountIds, Instant nextSyncAt) {
        return conn.preparedQuery("with g as (select a.id, " + HEALTHY_COVER + " is not null as open from ad_account a "
                + "where a.id = any($1)) "
                + "update ad_account a set gate_open = g.open, next_sync_at = case when g.open then $2 else a.next_sync_at end "
                + "from g where a.id = g.id and a.gate_open <> g.open "
                + "returning a.id, a.workspace_id, g.open, coalesce(a.synced_until, a.tracked_since) as gap_from")
                .execute(Tuple.of(adAccountIds.toArray(UUID[]::new), utc(nextSyncAt)))
                .map(rows -> list(rows, r -> new GateMove(r.getUUID("id"), r.getUUID("workspace_id"), r.getBoolean("open"),
                        instant(r.getOffsetDateTime("gap_from")))));
    }

    /**
     * Claims up to {@code batch} open accounts due a sync ({@code FOR UPDATE SKIP
     * LOCKED}: replicas never claim one twice), except those with a request
     * still open that was made after {@code openRequestsAfter}.
     */
    public Uni<List<SyncPoint>> claimDue(SqlConnection conn, Instant now, Instant openRequestsAfter, int batch) {
        return conn.preparedQuery("""
                select a.id, a.workspace_id, coalesce(a.synced_until, a.tracked_since) as window_from from ad_account a
                where a.gate_open and a.next_sync_at <= $1
                  and not exists (select 1 from sync_request r where r.ad_account_id = a.id and r.completed_at is null
                                  and r.requested_at > $2)
                order by a.next_sync_at limit $3
                for update skip locked""")
                .execute(Tuple.of(utc(now), utc(openRequestsAfter), batch))
                .map(rows -> list(rows, AdAccountRepository::syncPoint));
    }

    /** Locks the workspace's account for a forced sync; null when the workspace has no such account. */
    public Uni<SyncPoint> lock(SqlConnection conn, UUID workspaceId, UUID adAccountId) {
        return conn.preparedQuery("select id, workspace_id, coalesce(synced_until, tracked_since) as window_from "
                + "from ad_account where id = $1 and workspace_id = $2 for update").execute(Tuple.of(adAccountId, workspaceId))
                .map(rows -> rows.iterator().hasNext() ? syncPoint(rows.iterator().next()) : null);
    }

    public Uni<Void> nextSyncAt(SqlConnection conn, UUID adAccountId, Instant at) {
        return conn.preparedQuery("update ad_account set next_sync_at = $2 where id = $1").execute(Tuple.of(adAccountId, utc(at)))
                .replaceWithVoid();
    }

    /** A completed window moves the account's sync point forward, never back (C7). */
    public Uni<Void> syncedUntil(SqlConnection conn, UUID adAccountId, Instant syncedUntil, Instant now) {
        return conn.preparedQuery("update ad_account set synced_until = greatest(coalesce(synced_until, $2), $2), last_synced_at = $3 "
                + "where id = $1").execute(Tuple.of(adAccountId, utc(syncedUntil), utc(now)))
                .replaceWithVoid();
    }

    /** The account's healthy cover, or null when there is no such account. */
    public Uni<Cover> healthyCover(UUID adAccountId) {
        return healthyCover(pool, adAccountId);
    }

    /** The same within the caller's transaction. */
    public Uni<Cover> healthyCover(SqlClient db, UUID adAccountId) {
        return db.preparedQuery("select " + HEALTHY_COVER + " as cover from ad_account a where a.id = $1").execute(Tuple.of(adAccountId))
                .map(rows -> rows.iterator().hasNext() ? new Cover(rows.iterator().next().getUUID("cover")) : null);
    }

    /** Ad accounts by name, {@code limit} at a time after the cursor (name, id) of the previous page. */
    public Uni<Page<AdAccountRow>> page(UUID workspaceId, String platform, Cursor after, int limit) {
        return pool.preparedQuery("""
                select a.id, a.platform, a.external_id, a.name, a.gate_open, a.last_synced_at,
                       coalesce(array_agg(c.platform_user_id) filter (where c.platform_user_id is not null), '{}') as covered_by
                from ad_account a left join coverage c on c.ad_account_id = a.id
                where a.workspace_id = $1 and ($2::text is null or a.platform = $2)
                  and ($3::text is null or (a.name, a.id) > ($3, $4::uuid))
                group by a.id order by a.name, a.id limit $5""")
                .execute(Tuple.tuple(Arrays.asList(workspaceId, platform, after == null ? null : after.key(),
                        after == null ? null : after.id(), limit + 1)))
                .map(rows -> Page.of(list(rows, AdAccountRepository::adAccountRow), limit,
                        a -> new Cursor(a.name(), UUID.fromString(a.adAccountId()))));
    }

    /** Within the caller's transaction: gate answers may have moved (sent on commit). */
    public Uni<Void> announceGatesMoved(SqlConnection conn) {
        return conn.query("select pg_notify('" + GATES_CHANNEL + "', '')").execute().replaceWithVoid();
    }

    private static SyncPoint syncPoint(Row r) {
        return new SyncPoint(r.getUUID("id"), r.getUUID("workspace_id"), instant(r.getOffsetDateTime("window_from")));
    }

    private static AdAccountRow adAccountRow(Row r) {
        List<String> covered = new ArrayList<>();
        for (UUID id : r.getArrayOfUUIDs("covered_by")) {
            covered.add(id.toString());
        }
        return new AdAccountRow(r.getUUID("id").toString(), r.getString("platform"), r.getString("external_id"), r.getString("name"),
                r.getBoolean("gate_open"), covered, instant(r.getOffsetDateTime("last_synced_at")));
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> map) {
        List<T> list = new ArrayList<>();
        rows.forEach(r -> list.add(map.apply(r)));
        return list;
    }
}
