package ai.wevion.connector.health.repository;

import static ai.wevion.connector.repository.Timestamps.instant;
import static ai.wevion.connector.repository.Timestamps.utc;

import ai.wevion.connector.event.PlatformUserStatus;
import ai.wevion.connector.event.TokenStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Table {@code platform_user}: connector-service's view of each credential,
 * written only from token-status events. Also sends the
 * {@code connector_changed} notification that wakes the card streams.
 */
@ApplicationScoped
public class PlatformUserRepository {

    /** Sent on commit with the workspace's id whenever its cards may have changed, whichever replica changed them. */
    public static final String CARDS_CHANNEL = "connector_changed";

    /** The last event applied to a platform user, and the status it left. */
    public record Applied(Instant lastEventAt, PlatformUserStatus status) {
    }

    private final Pool pool;

    public PlatformUserRepository(Pool pool) {
        this.pool = pool;
    }

    /** Locks the platform user's row for the caller's transaction; null when there is none yet. */
    public Uni<Applied> lockLastApplied(SqlConnection conn, UUID platformUserId) {
        return conn.preparedQuery("select last_event_at, status from platform_user where id = $1 for update")
                .execute(Tuple.of(platformUserId))
                .map(rows -> rows.iterator().hasNext()
                        ? applied(rows.iterator().next())
                        : null);
    }

    /** The event's state of the platform user; an event without an expiry or a refresh keeps the ones known. */
    public Uni<Void> upsert(SqlConnection conn, TokenStatus e, UUID platformUserId, Instant refreshedAt) {
        return conn.preparedQuery("""
                insert into platform_user (id, workspace_id, platform, external_user_id, display_name, status, reason,
                    expires_at, last_refresh_at, last_event_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                on conflict (id) do update set display_name = excluded.display_name, status = excluded.status,
                    reason = excluded.reason, expires_at = coalesce(excluded.expires_at, platform_user.expires_at),
                    last_refresh_at = coalesce(excluded.last_refresh_at, platform_user.last_refresh_at),
                    last_event_at = excluded.last_event_at""")
                .execute(Tuple.tuple(Arrays.asList(platformUserId, UUID.fromString(e.workspaceId()), e.platform(),
                        e.externalUserId(), e.shownName(), e.status() == null ? null : e.status().name(), e.reason(),
                        utc(e.expiresAt()), utc(refreshedAt), utc(e.occurredAt()))))
                .replaceWithVoid();
    }

    /** A disconnected platform user is forgotten, with its coverage. */
    public Uni<Void> delete(SqlConnection conn, UUID platformUserId) {
        return conn.preparedQuery("delete from platform_user where id = $1").execute(Tuple.of(platformUserId)).replaceWithVoid();
    }

    /** The workspace's platform users but the archived ones, by platform and name. */
    public Uni<List<PlatformUserRow>> inWorkspace(UUID workspaceId) {
        return pool.preparedQuery("select id, platform, display_name, status, reason, expires_at, last_refresh_at "
                + "from platform_user where workspace_id = $1 and status <> 'ARCHIVED' order by platform, display_name")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    List<PlatformUserRow> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new PlatformUserRow(r.getUUID("id").toString(), r.getString("platform"), r.getString("display_name"),
                                PlatformUserStatus.valueOf(r.getString("status")), r.getString("reason"),
                                instant(r.getOffsetDateTime("expires_at")), instant(r.getOffsetDateTime("last_refresh_at"))));
                    }
                    return list;
                });
    }

    /** A platform user as this service knows it: enough to announce that it is gone. */
    public record Known(UUID id, UUID workspaceId, String platform, String externalUserId, String displayName) {
    }

    /** The platform users whose last applied change is older than {@code cutoff}. */
    public Uni<List<Known>> lastChangedBefore(Instant cutoff) {
        return pool.preparedQuery("select id, workspace_id, platform, external_user_id, display_name from platform_user "
                + "where last_event_at < $1").execute(Tuple.of(utc(cutoff))).map(rows -> {
                    List<Known> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new Known(r.getUUID("id"), r.getUUID("workspace_id"), r.getString("platform"),
                                r.getString("external_user_id"), r.getString("display_name")));
                    }
                    return list;
                });
    }

    /** Whether this service knows no platform user at all (a new install, or a projection that was lost). */
    public Uni<Boolean> isEmpty() {
        return pool.query("select not exists (select 1 from platform_user)").execute().map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Within the caller's transaction: the workspace's cards may have changed (sent on commit). */
    public Uni<Void> announceCardsChanged(SqlConnection conn, UUID workspaceId) {
        return conn.preparedQuery("select pg_notify('" + CARDS_CHANNEL + "', $1)").execute(Tuple.of(workspaceId.toString()))
                .replaceWithVoid();
    }

    private static Applied applied(Row r) {
        return new Applied(r.getOffsetDateTime(0).toInstant(), PlatformUserStatus.valueOf(r.getString(1)));
    }
}
