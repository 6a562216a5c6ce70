package ai.wevion.notification.alert.repository;

import static ai.wevion.notification.repository.Timestamps.instant;
import static ai.wevion.notification.repository.Timestamps.utc;

import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bell for one reader, and table {@code notification_read}. A token alert
 * is seen by the users who connected its credentials and by admins and
 * owners; a workspace alert by every member; nothing outside the reader's
 * workspace. Unread means not read by this reader and not yet resolved.
 */
@ApplicationScoped
public class BellRepository {

    // $1 workspace, $2 user, $3 admin
    private static final String VISIBLE = "n.workspace_id = $1 and (n.audience = 'WORKSPACE' or $3 or exists (select 1 from "
            + "notification_subject s where s.notification_id = n.id and s.connected_by = $2))";
    private static final String UNREAD = "n.resolved_at is null and not exists (select 1 from notification_read r "
            + "where r.notification_id = n.id and r.user_id = $2)";
    private static final String COLUMNS = "n.id, n.type, n.title, n.body, n.platform, n.link, n.created_at, n.resolved_at, "
            + "(select r.read_at from notification_read r where r.notification_id = n.id and r.user_id = $2) as read_at, "
            + "(select count(*) from notification_subject s where s.notification_id = n.id and (s.resolved_at is null "
            + "or n.resolved_at is not null)) as subjects";

    private final Pool pool;

    public BellRepository(Pool pool) {
        this.pool = pool;
    }

    /** Newest first, {@code limit} at a time, after the cursor of the previous page. */
    public Uni<Page<NotificationView>> list(Reader reader, boolean unreadOnly, Cursor after, int limit) {
        Tuple args = reader.args();
        String from = "";
        if (after != null) {
            from = " and (n.created_at, n.id) < ($4, $5)";
            args.addOffsetDateTime(utc(after.time())).addUUID(after.id());
        }
        return pool.preparedQuery("select " + COLUMNS + " from notification n where " + VISIBLE + (unreadOnly ? " and " + UNREAD : "")
                + from + " order by n.created_at desc, n.id desc limit " + (limit + 1))
                .execute(args)
                .map(rows -> {
                    List<NotificationView> views = new ArrayList<>();
                    rows.forEach(r -> views.add(view(r)));
                    return Page.of(views, limit, v -> Cursor.at(v.createdAt(), UUID.fromString(v.notificationId())));
                });
    }

    /** The notification if this reader may see it, else null. */
    public Uni<NotificationView> one(SqlClient db, Reader reader, UUID id) {
        return db.preparedQuery("select " + COLUMNS + " from notification n where " + VISIBLE + " and n.id = $4")
                .execute(reader.args().addUUID(id))
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    public Uni<NotificationView> one(Reader reader, UUID id) {
        return one(pool, reader, id);
    }

    public Uni<Long> unreadCount(Reader reader) {
        return pool.preparedQuery("select count(*) from notification n where " + VISIBLE + " and " + UNREAD)
                .execute(reader.args())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The reader read the notification; false when they had already. */
    public Uni<Boolean> markRead(SqlConnection conn, Reader reader, UUID id, Instant now) {
        return conn.preparedQuery("insert into notification_read (notification_id, user_id, read_at) values ($1, $2, $3) "
                + "on conflict do nothing").execute(Tuple.of(id, reader.userId(), utc(now)))
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** The reader read everything they see; false when nothing was unread. */
    public Uni<Boolean> markAllRead(SqlConnection conn, Reader reader, Instant now) {
        return conn.preparedQuery("insert into notification_read (notification_id, user_id, read_at) "
                + "select n.id, $2, $4 from notification n where " + VISIBLE + " and " + UNREAD)
                .execute(reader.args().addOffsetDateTime(utc(now)))
                .map(inserted -> inserted.rowCount() > 0);
    }

    /** A grouped notification that counts one more subject is unread again for everyone (N6). */
    public Uni<Void> unreadForEveryone(SqlConnection conn, UUID id) {
        return conn.preparedQuery("delete from notification_read where notification_id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static NotificationView view(Row r) {
        return new NotificationView(r.getUUID("id").toString(), r.getString("type"), r.getString("title"), r.getString("body"),
                r.getString("platform"), r.getString("link"), instant(r, "created_at"), instant(r, "read_at"),
                instant(r, "resolved_at"), r.getLong("subjects").intValue());
    }
}
