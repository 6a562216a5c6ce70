package ai.wevion.notification.alert.service;

import static ai.wevion.notification.alert.service.Feed.utc;

import ai.wevion.notification.alert.service.AlertText.Subject;
import ai.wevion.notification.alert.service.AlertText.Text;
import ai.wevion.notification.alert.service.Events.SyncResult;
import ai.wevion.notification.alert.service.Events.TokenStatus;
import ai.wevion.notification.config.NotificationConfig;
import ai.wevion.notification.telegram.service.TelegramOutbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Turns events into notifications, each event once: raises an alert per
 * subject and type (deduplicated while open), groups a platform's failures
 * within the group window into one notification with a count (N6), and
 * resolves a subject's open alerts when a later event answers them (N4).
 * Every change goes to the workspace's live feed in the same transaction.
 */
@ApplicationScoped
public class AlertService {

    /** Events that answer every token alert of their credential (a refresh answers only some: FORCED_ENDS). */
    private static final Set<String> ANSWERS = Set.of("TOKEN_CONNECTED", "TOKEN_RECONNECTED", "PLATFORM_USER_ARCHIVED",
            "PLATFORM_USER_DISCONNECTED");
    private static final List<String> TOKEN_ALERTS = List.of("TOKEN_EXPIRED", "TOKEN_EXPIRING");
    /** Warnings of an end no refresh moves (Meta's data access, a grant's own end): only a re-authorization answers them (N2). */
    private static final List<String> FORCED_ENDS = List.of("DATA_ACCESS_EXPIRING", "REAUTHORIZATION_DUE");

    private final Pool pool;
    private final Clock clock;
    private final NotificationConfig config;
    private final TelegramOutbox telegram;

    public AlertService(Pool pool, Clock clock, NotificationConfig config, TelegramOutbox telegram) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        this.telegram = telegram;
    }

    public Uni<Void> apply(TokenStatus e) {
        UUID credential = UUID.fromString(e.platformUserId());
        return once(e.eventId(), conn -> conn.preparedQuery("""
                insert into credential_seen (platform_user_id, last_event_at) values ($1, $2)
                on conflict (platform_user_id) do update set last_event_at = excluded.last_event_at
                where credential_seen.last_event_at <= excluded.last_event_at""")
                .execute(Tuple.of(credential, utc(e.occurredAt())))
                .chain(current -> {
                    if (current.rowCount() == 0) {
                        return Uni.createFrom().voidItem(); // a newer event for this credential is already applied
                    }
                    if ("TOKEN_REFRESHED".equals(e.type())) {
                        return resolve(conn, credential, TOKEN_ALERTS, FORCED_ENDS);
                    }
                    if (ANSWERS.contains(e.type())) {
                        return resolve(conn, credential, TOKEN_ALERTS, List.of());
                    }
                    if ("TOKEN_EXPIRED".equals(e.type())) {
                        // an expired token makes its "expiring" warning moot
                        return resolve(conn, credential, List.of("TOKEN_EXPIRING"), List.of()).chain(() -> raise(conn, tokenAlert(e)));
                    }
                    return "TOKEN_EXPIRING".equals(e.type()) ? raise(conn, tokenAlert(e)) : Uni.createFrom().voidItem();
                }));
    }

    public Uni<Void> apply(SyncResult e) {
        UUID account = UUID.fromString(e.adAccountId());
        return once(e.eventId(), conn -> switch (e.type()) {
            case "SYNC_FAILED" -> raise(conn, new Alert(UUID.fromString(e.workspaceId()), "SYNC_FAILED", null, account,
                    e.adAccountId(), null, null, e.error(), Alert.WORKSPACE, "/ad-accounts/" + e.adAccountId(), e.occurredAt()));
            case "SYNC_COMPLETED" -> resolve(conn, account, List.of("SYNC_FAILED"), List.of());
            default -> Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> once(String eventId, java.util.function.Function<SqlConnection, Uni<Void>> work) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into processed_event (event_id, processed_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(eventId, utc(clock.instant())))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().voidItem() : work.apply(conn)));
    }

    private static Alert tokenAlert(TokenStatus e) {
        return new Alert(UUID.fromString(e.workspaceId()), e.type(), e.platform(), UUID.fromString(e.platformUserId()),
                e.displayName() == null ? e.externalUserId() : e.displayName(),
                e.connectedBy() == null ? null : UUID.fromString(e.connectedBy()), e.expiresAt(), e.reason(),
                Alert.CONNECTORS_AND_ADMINS, "/connect/" + e.platform(), e.occurredAt());
    }

    private Uni<Void> raise(SqlConnection conn, Alert a) {
        Instant now = clock.instant();
        return conn.preparedQuery("select 1 from notification_subject where subject_id = $1 and type = $2 and resolved_at is null")
                .execute(Tuple.of(a.subjectId(), a.type()))
                .chain(open -> open.rowCount() > 0
                        ? Uni.createFrom().voidItem() // already told, and not answered yet
                        : conn.preparedQuery("""
                                select id from notification where workspace_id = $1 and type = $2 and platform is not distinct from $3
                                and resolved_at is null and created_at >= $4 order by created_at desc limit 1 for update""")
                                .execute(Tuple.of(a.workspaceId(), a.type(), a.platform(), utc(now.minus(config.groupWindow()))))
                                .chain(group -> group.rowCount() == 0
                                        ? create(conn, a, now)
                                        : join(conn, group.iterator().next().getUUID(0), a, now)));
    }

    private Uni<Void> create(SqlConnection conn, Alert a, Instant now) {
        UUID id = UUID.randomUUID();
        Text text = AlertText.of(a.type(), a.platform(), List.of(new Subject(a.displayName(), a.expiresAt(), a.detail())), a.at());
        return conn.preparedQuery("""
                insert into notification (id, workspace_id, type, platform, title, body, link, audience, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)""")
                .execute(Tuple.tuple(Arrays.asList(id, a.workspaceId(), a.type(), a.platform(), text.title(), text.body(), a.link(),
                        a.audience(), utc(now))))
                .chain(() -> addSubject(conn, id, a, now))
                .chain(() -> Feed.changed(conn, a.workspaceId(), id, null, now))
                .chain(() -> telegram.enqueue(conn, a.workspaceId(), a.type(), a.audience(),
                        text.title() + "\n" + text.body(), now));
    }

    /** A platform-wide event: the open notification counts one more subject, and is unread again for everyone. */
    private Uni<Void> join(SqlConnection conn, UUID id, Alert a, Instant now) {
        return addSubject(conn, id, a, now)
                .chain(() -> conn.preparedQuery("delete from notification_read where notification_id = $1").execute(Tuple.of(id)))
                .chain(() -> rewrite(conn, id, now));
    }

    private Uni<RowSet<Row>> addSubject(SqlConnection conn, UUID id, Alert a, Instant now) {
        return conn.preparedQuery("""
                insert into notification_subject (notification_id, subject_id, type, display_name, connected_by, expires_at, detail, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                on conflict (notification_id, subject_id) do update set resolved_at = null, created_at = excluded.created_at""")
                .execute(Tuple.tuple(Arrays.asList(id, a.subjectId(), a.type(), a.displayName(), a.connectedBy(), utc(a.expiresAt()),
                        a.detail(), utc(now))));
    }

    /** Resolves the subject's open alerts of these types, except those raised for one of {@code unlessFor} (their detail). */
    private Uni<Void> resolve(SqlConnection conn, UUID subjectId, List<String> types, List<String> unlessFor) {
        Instant now = clock.instant();
        return conn.preparedQuery("update notification_subject set resolved_at = $2 where subject_id = $1 and resolved_at is null "
                + "and type = any($3) and (detail is null or not detail = any($4)) returning notification_id")
                .execute(Tuple.of(subjectId, utc(now), types.toArray(String[]::new), unlessFor.toArray(String[]::new)))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> rewrite(conn, id, now))
                            .collect().last().replaceWithVoid();
                });
    }

    /** Rewords a notification from its open subjects, or resolves it when none is left (N4). */
    private Uni<Void> rewrite(SqlConnection conn, UUID id, Instant now) {
        return conn.preparedQuery("select n.workspace_id, n.type, n.platform, s.display_name, s.expires_at, s.detail, n.created_at "
                + "from notification n left join notification_subject s on s.notification_id = n.id and s.resolved_at is null "
                + "where n.id = $1 order by s.created_at")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    List<Subject> open = new ArrayList<>();
                    Row head = null;
                    for (Row r : rows) {
                        head = r;
                        if (r.getString("display_name") != null) {
                            open.add(new Subject(r.getString("display_name"), instant(r, "expires_at"), r.getString("detail")));
                        }
                    }
                    UUID workspaceId = head.getUUID("workspace_id");
                    Uni<RowSet<Row>> update = open.isEmpty()
                            ? conn.preparedQuery("update notification set resolved_at = $2, updated_at = $2 where id = $1")
                                    .execute(Tuple.of(id, utc(now)))
                            : update(conn, id, AlertText.of(head.getString("type"), head.getString("platform"), open,
                                    instant(head, "created_at")), now);
                    return update.chain(() -> Feed.changed(conn, workspaceId, id, null, now));
                });
    }

    private static Uni<RowSet<Row>> update(SqlConnection conn, UUID id, Text text, Instant now) {
        return conn.preparedQuery("update notification set title = $2, body = $3, updated_at = $4 where id = $1")
                .execute(Tuple.of(id, text.title(), text.body(), utc(now)));
    }

    private static Instant instant(Row r, String column) {
        java.time.OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
