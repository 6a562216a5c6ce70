package ai.wevion.notification.alert.repository;

import static ai.wevion.notification.repository.Timestamps.instant;
import static ai.wevion.notification.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
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
 * Tables {@code notification} and {@code notification_subject}: alerts
 * raised, grouped and resolved (N1, N4, N6), always in the caller's
 * transaction. One open alert per subject and type
 * ({@code one_open_alert_per_subject}).
 */
@ApplicationScoped
public class NotificationRepository {

    /** A notification and the subjects it is still open about, oldest first. */
    public record OpenGroup(UUID workspaceId, AlertType type, String platform, Instant createdAt, List<AlertSubject> open) {
    }

    /** Whether the subject already has an open alert of this type (told, and not answered yet). */
    public Uni<Boolean> isOpen(SqlConnection conn, UUID subjectId, AlertType type) {
        return conn.preparedQuery("select 1 from notification_subject where subject_id = $1 and type = $2 and resolved_at is null")
                .execute(Tuple.of(subjectId, type.name()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Locks the newest open notification of this type and platform created since {@code since}; null when there is none. */
    public Uni<UUID> lockOpenGroup(SqlConnection conn, UUID workspaceId, AlertType type, String platform, Instant since) {
        return conn.preparedQuery("""
                select id from notification where workspace_id = $1 and type = $2 and platform is not distinct from $3
                and resolved_at is null and created_at >= $4 order by created_at desc limit 1 for update""")
                .execute(Tuple.of(workspaceId, type.name(), platform, utc(since)))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    public Uni<Void> insert(SqlConnection conn, UUID id, Alert a, String title, String body, Instant now) {
        return conn.preparedQuery("""
                insert into notification (id, workspace_id, type, platform, title, body, link, audience, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)""")
                .execute(Tuple.tuple(Arrays.asList(id, a.workspaceId(), a.type().name(), a.platform(), title, body, a.link(),
                        a.audience().name(), utc(now))))
                .replaceWithVoid();
    }

    /** The notification is about this subject (again, if it was resolved within the group). */
    public Uni<Void> addSubject(SqlConnection conn, UUID id, Alert a, Instant now) {
        return conn.preparedQuery("""
                insert into notification_subject (notification_id, subject_id, type, display_name, connected_by, expires_at, detail, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                on conflict (notification_id, subject_id) do update set resolved_at = null, created_at = excluded.created_at""")
                .execute(Tuple.tuple(Arrays.asList(id, a.subjectId(), a.type().name(), a.displayName(), a.connectedBy(),
                        utc(a.expiresAt()), a.detail(), utc(now))))
                .replaceWithVoid();
    }

    /**
     * Resolves the subject's open alerts of these types, except those raised
     * for one of {@code unlessFor} (their detail); answers their notifications.
     */
    public Uni<List<UUID>> resolveSubject(SqlConnection conn, UUID subjectId, List<AlertType> types, List<String> unlessFor, Instant now) {
        return conn.preparedQuery("update notification_subject set resolved_at = $2 where subject_id = $1 and resolved_at is null "
                + "and type = any($3) and (detail is null or not detail = any($4)) returning notification_id")
                .execute(Tuple.of(subjectId, utc(now), types.stream().map(Enum::name).toArray(String[]::new),
                        unlessFor.toArray(String[]::new)))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    public Uni<OpenGroup> openGroup(SqlConnection conn, UUID id) {
        return conn.preparedQuery("select n.workspace_id, n.type, n.platform, s.display_name, s.expires_at, s.detail, n.created_at "
                + "from notification n left join notification_subject s on s.notification_id = n.id and s.resolved_at is null "
                + "where n.id = $1 order by s.created_at")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<AlertSubject> open = new ArrayList<>();
                    Row head = null;
                    for (Row r : rows) {
                        head = r;
                        if (r.getString("display_name") != null) {
                            open.add(new AlertSubject(r.getString("display_name"), instant(r, "expires_at"), r.getString("detail")));
                        }
                    }
                    return new OpenGroup(head.getUUID("workspace_id"), AlertType.valueOf(head.getString("type")),
                            head.getString("platform"), instant(head, "created_at"), open);
                });
    }

    public Uni<Void> reword(SqlConnection conn, UUID id, String title, String body, Instant now) {
        return conn.preparedQuery("update notification set title = $2, body = $3, updated_at = $4 where id = $1")
                .execute(Tuple.of(id, title, body, utc(now)))
                .replaceWithVoid();
    }

    public Uni<Void> resolve(SqlConnection conn, UUID id, Instant now) {
        return conn.preparedQuery("update notification set resolved_at = $2, updated_at = $2 where id = $1")
                .execute(Tuple.of(id, utc(now)))
                .replaceWithVoid();
    }
}
