package ai.wevion.connector.health.service;

import ai.wevion.connector.config.ConnectorConfig;
import ai.wevion.connector.health.service.Events.AdAccountRef;
import ai.wevion.connector.health.service.Events.GateChanged;
import ai.wevion.connector.health.service.Events.TokenStatus;
import ai.wevion.connector.sync.service.GateCache;
import ai.wevion.connector.sync.service.SyncRequests;
import ai.wevion.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static ai.wevion.connector.sync.service.SyncRequests.utc;

/**
 * Applies token-status events to connector-service's view, each once (by
 * eventId) and never going back in time (an event older than the last one
 * applied to that platform user changes nothing). When an ad account's gate
 * opens or closes, AD_ACCOUNT_GATE_CHANGED goes out; when a reconnect reopens
 * it, one BACKFILL covering exactly the gap goes out at once (C4–C7).
 */
@ApplicationScoped
public class HealthProjection {

    private static final Set<String> REFRESHING = Set.of("TOKEN_CONNECTED", "TOKEN_RECONNECTED", "TOKEN_REFRESHED");

    private final Pool pool;
    private final Outbox outbox;
    private final SyncRequests syncRequests;
    private final Clock clock;
    private final ConnectorConfig.Sync config;
    private final GateCache gateCache;

    public HealthProjection(Pool pool, Outbox outbox, SyncRequests syncRequests, Clock clock, ConnectorConfig config,
            GateCache gateCache) {
        this.pool = pool;
        this.gateCache = gateCache;
        this.outbox = outbox;
        this.syncRequests = syncRequests;
        this.clock = clock;
        this.config = config.sync();
    }

    public Uni<Void> apply(TokenStatus event) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into processed_event (event_id, processed_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(event.eventId(), utc(clock.instant())))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false) : applyOnce(conn, event)))
                .invoke(gatesMoved -> {
                    if (gatesMoved) {
                        gateCache.invalidate(); // this replica at once; the others on the commit's notification
                    }
                })
                .replaceWithVoid();
    }

    /** Applies the event; answers whether any gate answer may have changed. */
    private Uni<Boolean> applyOnce(SqlConnection conn, TokenStatus e) {
        UUID userId = UUID.fromString(e.platformUserId());
        return conn.preparedQuery("select last_event_at, status from platform_user where id = $1 for update").execute(Tuple.of(userId))
                .chain(rows -> {
                    Row current = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    if (current != null && current.getOffsetDateTime(0).toInstant().isAfter(e.occurredAt())) {
                        return Uni.createFrom().item(false); // arrived late: a newer state is already applied
                    }
                    boolean statusChanged = current == null || !current.getString(1).equals(e.status())
                            || "PLATFORM_USER_DISCONNECTED".equals(e.type());
                    return affectedAccounts(conn, userId, e).chain(affected -> writeUser(conn, e, userId)
                            .chain(() -> writeCoverage(conn, e, userId))
                            .chain(coverageDropped -> regate(conn, affected, e)
                                    .map(regated -> statusChanged || coverageDropped || regated)))
                            .call(moved -> moved ? GateCache.announceChange(conn) : Uni.createFrom().voidItem())
                            .call(() -> ConnectorStreams.announceChange(conn, UUID.fromString(e.workspaceId())));
                });
    }

    private Uni<List<UUID>> affectedAccounts(SqlConnection conn, UUID userId, TokenStatus e) {
        return conn.preparedQuery("select ad_account_id from coverage where platform_user_id = $1").execute(Tuple.of(userId))
                .map(rows -> {
                    Set<UUID> ids = new LinkedHashSet<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    accounts(e).forEach(a -> ids.add(UUID.fromString(a.adAccountId())));
                    return new ArrayList<>(ids);
                });
    }

    private Uni<Void> writeUser(SqlConnection conn, TokenStatus e, UUID userId) {
        if ("PLATFORM_USER_DISCONNECTED".equals(e.type())) {
            return conn.preparedQuery("delete from platform_user where id = $1").execute(Tuple.of(userId)).replaceWithVoid();
        }
        Instant refreshed = REFRESHING.contains(e.type()) ? e.occurredAt() : null;
        return conn.preparedQuery("""
                insert into platform_user (id, workspace_id, platform, external_user_id, display_name, status, reason,
                    expires_at, last_refresh_at, last_event_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                on conflict (id) do update set display_name = excluded.display_name, status = excluded.status,
                    reason = excluded.reason, expires_at = coalesce(excluded.expires_at, platform_user.expires_at),
                    last_refresh_at = coalesce(excluded.last_refresh_at, platform_user.last_refresh_at),
                    last_event_at = excluded.last_event_at""")
                .execute(Tuple.tuple(java.util.Arrays.asList(userId, UUID.fromString(e.workspaceId()), e.platform(),
                        e.externalUserId(), e.displayName() == null ? e.externalUserId() : e.displayName(), e.status(),
                        e.reason(), utc(e.expiresAt()), utc(refreshed), utc(e.occurredAt()))))
                .replaceWithVoid();
    }

    /** The event's ad accounts are the ones this platform user covers now (batch re-auth included); answers whether any was dropped. */
    private Uni<Boolean> writeCoverage(SqlConnection conn, TokenStatus e, UUID userId) {
        List<AdAccountRef> accounts = accounts(e);
        if (accounts.isEmpty() || "PLATFORM_USER_DISCONNECTED".equals(e.type())) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        UUID workspaceId = UUID.fromString(e.workspaceId());
        UUID[] ids = accounts.stream().map(a -> UUID.fromString(a.adAccountId())).toArray(UUID[]::new);
        return Multi.createFrom().iterable(accounts).onItem().transformToUniAndConcatenate(a -> conn.preparedQuery("""
                insert into ad_account (id, workspace_id, platform, external_id, name, tracked_since, next_sync_at)
                values ($1, $2, $3, $4, $5, $6, $7)
                on conflict (id) do update set name = excluded.name""")
                .execute(Tuple.tuple(List.of(UUID.fromString(a.adAccountId()), workspaceId, e.platform(), a.externalId(),
                        a.name() == null ? a.externalId() : a.name(), utc(now), utc(spread(now)))))
                .chain(() -> conn.preparedQuery("insert into coverage (ad_account_id, platform_user_id) values ($1, $2) "
                        + "on conflict do nothing").execute(Tuple.of(UUID.fromString(a.adAccountId()), userId))))
                .collect().last()
                .chain(() -> conn.preparedQuery("delete from coverage where platform_user_id = $1 and not (ad_account_id = any($2))")
                        .execute(Tuple.of(userId, ids)))
                .map(deleted -> deleted.rowCount() > 0);
    }

    /** Recomputes the affected accounts' gates; announces each change, and backfills the gap of a reopened one. */
    private Uni<Boolean> regate(SqlConnection conn, List<UUID> affected, TokenStatus e) {
        if (affected.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Instant now = clock.instant();
        return conn.preparedQuery("""
                with g as (
                    select a.id, exists (select 1 from coverage c join platform_user p on p.id = c.platform_user_id
                                         where c.ad_account_id = a.id and p.status = 'ACTIVE') as open
                    from ad_account a where a.id = any($1))
                update ad_account a set gate_open = g.open, next_sync_at = case when g.open then $2 else a.next_sync_at end
                from g where a.id = g.id and a.gate_open <> g.open
                returning a.id, a.workspace_id, g.open, coalesce(a.synced_until, a.tracked_since) as gap_from""")
                .execute(Tuple.of(affected.toArray(UUID[]::new), utc(now.plus(config.interval()))))
                .chain(changed -> {
                    List<Row> rows = new ArrayList<>();
                    changed.forEach(rows::add);
                    return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(r -> announce(conn, r, e, now))
                            .collect().last().map(ignored -> !rows.isEmpty());
                });
    }

    private Uni<Void> announce(SqlConnection conn, Row r, TokenStatus e, Instant now) {
        UUID accountId = r.getUUID("id");
        UUID workspaceId = r.getUUID("workspace_id");
        boolean open = r.getBoolean("open");
        Uni<Void> gate = outbox.add(conn, GateChanged.TOPIC, accountId.toString(),
                GateChanged.of(now, workspaceId, accountId, open, open ? null : "TOKEN_EXPIRED"));
        if (!open || !"TOKEN_RECONNECTED".equals(e.type())) {
            return gate;
        }
        Instant earliest = now.minus(config.retention(e.platform()));
        Instant gapFrom = r.getOffsetDateTime("gap_from").toInstant();
        Instant from = gapFrom.isBefore(earliest) ? earliest : gapFrom;
        return gate.chain(() -> syncRequests.request(conn, workspaceId, accountId, UUID.fromString(e.platformUserId()), from,
                now, "BACKFILL", now)).replaceWithVoid();
    }

    private Instant spread(Instant now) {
        return now.plusMillis(ThreadLocalRandom.current().nextLong(Math.max(1, config.interval().toMillis())));
    }

    private static List<AdAccountRef> accounts(TokenStatus e) {
        return e.adAccounts() == null ? List.of() : e.adAccounts();
    }
}
