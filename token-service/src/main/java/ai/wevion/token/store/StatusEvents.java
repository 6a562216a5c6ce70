package ai.wevion.token.store;

import ai.wevion.outbox.Outbox;
import ai.wevion.token.event.PlatformUserStatus;
import ai.wevion.token.event.TokenEventType;
import ai.wevion.token.event.TokenStatusEvent;
import ai.wevion.token.event.TokenStatusEvent.AdAccountRef;
import ai.wevion.token.event.TokenStatusEvent.PlatformUserView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one builder of {@code token-status} events: the platform user and its ad
 * accounts are read in the transaction that changed them, and the event goes
 * into the outbox in that same transaction.
 */
final class StatusEvents {

    private static final String VIEW = """
            select p.workspace_id, p.platform, p.external_user_id, p.display_name, p.status, p.connected_by,
                   a.ad_account_id, a.external_id, a.name
            from platform_user p left join ad_account a on a.platform_user_id = p.id
            where p.id = $1 order by a.external_id""";

    private final Outbox outbox;

    StatusEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The record as it is now in this transaction; null when it does not exist. */
    Uni<PlatformUserView> view(SqlConnection conn, UUID platformUserId) {
        return conn.preparedQuery(VIEW).execute(Tuple.of(platformUserId)).map(rows -> view(rows, platformUserId));
    }

    private static PlatformUserView view(RowSet<Row> rows, UUID platformUserId) {
        Row user = Sql.first(rows);
        if (user == null) {
            return null;
        }
        List<AdAccountRef> accounts = new ArrayList<>();
        rows.forEach(r -> {
            if (r.getUUID("ad_account_id") != null) {
                accounts.add(new AdAccountRef(r.getUUID("ad_account_id").toString(), r.getString("external_id"), r.getString("name")));
            }
        });
        return new PlatformUserView(user.getUUID("workspace_id").toString(), user.getString("platform"), platformUserId.toString(),
                user.getString("external_user_id"), user.getString("display_name"),
                PlatformUserStatus.valueOf(user.getString("status")), accounts, user.getUUID("connected_by").toString());
    }

    /** Several records at once, in the order of {@code platformUserIds} (one pipelined batch). */
    Uni<List<PlatformUserView>> views(SqlConnection conn, List<UUID> platformUserIds) {
        return conn.preparedQuery(VIEW).executeBatch(platformUserIds.stream().map(Tuple::of).toList()).map(rows -> {
            List<PlatformUserView> views = new ArrayList<>();
            int i = 0;
            for (RowSet<Row> each = rows; each != null; each = each.next(), i++) {
                views.add(view(each, platformUserIds.get(i)));
            }
            return views;
        });
    }

    /** One event of a change made in this transaction, for {@link #add(SqlConnection, List)}. */
    record Change(PlatformUserView view, TokenEventType type, Instant expiresAt, String reason, Instant at) {
    }

    /** Several events at once (one pipelined batch), in this order. */
    Uni<Void> add(SqlConnection conn, List<Change> changes) {
        return outbox.add(conn, TokenStatusEvent.TOPIC, changes.stream()
                .map(c -> new Outbox.Message(c.view().platformUserId(), TokenStatusEvent.of(c.type(), c.at(), c.view(), c.expiresAt(), c.reason())))
                .toList());
    }

    Uni<Void> add(SqlConnection conn, PlatformUserView view, TokenEventType type, Instant expiresAt, String reason, Instant now) {
        return add(conn, List.of(new Change(view, type, expiresAt, reason, now)));
    }

    /** The event of a change just made in this transaction. */
    Uni<Void> add(SqlConnection conn, UUID platformUserId, TokenEventType type, Instant expiresAt, String reason, Instant now) {
        return view(conn, platformUserId).chain(view -> add(conn, view, type, expiresAt, reason, now));
    }
}
