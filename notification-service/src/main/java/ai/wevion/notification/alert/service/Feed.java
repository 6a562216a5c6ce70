package ai.wevion.notification.alert.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * The live feed of each workspace: every change to a notification (or to one
 * user's unread count) gets the workspace's next sequence number in the same
 * transaction, and a {@code notification_feed} notification on commit wakes
 * the streams in every replica. The row lock on {@code workspace_feed} makes
 * sequence numbers commit in order, so a stream resuming after N misses none.
 */
public final class Feed {

    public static final String CHANNEL = "notification_feed";

    private Feed() {
    }

    public static Uni<Void> changed(SqlConnection conn, UUID workspaceId, UUID notificationId, UUID onlyForUser, Instant now) {
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

    public static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
