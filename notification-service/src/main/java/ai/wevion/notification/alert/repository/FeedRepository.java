package ai.wevion.notification.alert.repository;

import static ai.wevion.notification.repository.Timestamps.utc;

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
 * Tables {@code workspace_feed} and {@code notification_change}: the live
 * feed of each workspace. Every change to a notification (or to one user's
 * unread count) takes the workspace's next sequence number in the same
 * transaction, and a {@code notification_feed} notification on commit wakes
 * the streams in every replica. The row lock on {@code workspace_feed} makes
 * sequence numbers commit in order, so a stream resuming after N misses none.
 */
@ApplicationScoped
public class FeedRepository {

    public static final String CHANNEL = "notification_feed";

    /** One change: a notification (null: only counts moved), for one user only or (null) for everyone. */
    public record Change(long seq, UUID notificationId, UUID onlyFor) {
    }

    private final Pool pool;

    public FeedRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> changed(SqlConnection conn, UUID workspaceId, UUID notificationId, UUID onlyForUser, Instant now) {
        return conn.preparedQuery("insert into workspace_feed (workspace_id, last_seq) values ($1, 1) on conflict (workspace_id) "
                + "do update set last_seq = workspace_feed.last_seq + 1 returning last_seq")
                .execute(Tuple.of(workspaceId))
                .chain(rows -> conn.preparedQuery("insert into notification_change (workspace_id, seq, notification_id, user_id, changed_at) "
                        + "values ($1, $2, $3, $4, $5)")
                        .execute(Tuple.tuple(Arrays.asList(workspaceId, rows.iterator().next().getLong(0), notificationId, onlyForUser,
                                utc(now)))))
                .chain(() -> conn.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, workspaceId.toString())))
                .replaceWithVoid();
    }

    /** The workspace's last sequence number, 0 before its first change. */
    public Uni<Long> lastSeq(UUID workspaceId) {
        return pool.preparedQuery("select last_seq from workspace_feed where workspace_id = $1").execute(Tuple.of(workspaceId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : 0L);
    }

    /** Up to {@code limit} changes after {@code seq}, in order. */
    public Uni<List<Change>> after(UUID workspaceId, long seq, int limit) {
        return pool.preparedQuery("select seq, notification_id, user_id from notification_change where workspace_id = $1 "
                + "and seq > $2 order by seq limit " + limit)
                .execute(Tuple.of(workspaceId, seq))
                .map(rows -> {
                    List<Change> changes = new ArrayList<>();
                    for (Row r : rows) {
                        changes.add(new Change(r.getLong(0), r.getUUID(1), r.getUUID(2)));
                    }
                    return changes;
                });
    }
}
