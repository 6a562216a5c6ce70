package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.repository.Alert;
import ai.wevion.notification.alert.repository.AlertSubject;
import ai.wevion.notification.alert.repository.AlertType;
import ai.wevion.notification.alert.repository.BellRepository;
import ai.wevion.notification.alert.repository.FeedRepository;
import ai.wevion.notification.alert.repository.NotificationRepository;
import ai.wevion.notification.alert.repository.ProcessedEventRepository;
import ai.wevion.notification.alert.service.AlertRules.Reaction;
import ai.wevion.notification.alert.service.AlertText.Text;
import ai.wevion.notification.config.NotificationConfig;
import ai.wevion.notification.event.SyncResult;
import ai.wevion.notification.event.TokenStatus;
import ai.wevion.notification.telegram.repository.DeliveryQueueRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Turns events into notifications, each event once and never back in time
 * per credential: raises an alert per subject and type (deduplicated while
 * open), groups a platform's failures within the group window into one
 * notification with a count (N6), and resolves a subject's open alerts when a
 * later event answers them (N4); {@link AlertRules} says which does what.
 * Every change goes to the workspace's live feed, and a new notification of
 * a bot type to its linked Telegram chats, in the same transaction.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    private final Pool pool;
    private final Clock clock;
    private final Duration groupWindow;
    private final Set<String> botTypes;
    private final ProcessedEventRepository processed;
    private final NotificationRepository notifications;
    private final BellRepository bell;
    private final FeedRepository feed;
    private final DeliveryQueueRepository telegram;

    public AlertService(Pool pool, Clock clock, NotificationConfig config, ProcessedEventRepository processed,
            NotificationRepository notifications, BellRepository bell, FeedRepository feed, DeliveryQueueRepository telegram) {
        this.pool = pool;
        this.clock = clock;
        this.groupWindow = config.groupWindow();
        this.processed = processed;
        this.notifications = notifications;
        this.bell = bell;
        this.feed = feed;
        this.telegram = telegram;
        this.botTypes = AlertRules.botTypes(config.telegram().types());
        if (botTypes.size() < config.telegram().types().size()) {
            LOG.warn("notification.telegram.types lists token alerts; they stay in-app only (N3) and are not sent");
        }
    }

    public Uni<Void> apply(TokenStatus e) {
        UUID credential = UUID.fromString(e.platformUserId());
        Reaction reaction = AlertRules.to(e.type());
        return once(e.eventId(), conn -> processed.newestFor(conn, credential, e.occurredAt())
                .chain(newest -> !newest
                        ? Uni.createFrom().voidItem() // a newer event for this credential is already applied
                        : react(conn, credential, reaction, type -> AlertRules.tokenAlert(e, type))));
    }

    public Uni<Void> apply(SyncResult e) {
        UUID account = UUID.fromString(e.adAccountId());
        return once(e.eventId(), conn -> react(conn, account, AlertRules.to(e.type()), type -> AlertRules.syncAlert(e)));
    }

    private Uni<Void> once(String eventId, Function<SqlConnection, Uni<Void>> work) {
        return pool.withTransaction(conn -> processed.firstTime(conn, eventId, clock.instant())
                .chain(first -> first ? work.apply(conn) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> react(SqlConnection conn, UUID subjectId, Reaction r, Function<AlertType, Alert> alert) {
        Uni<Void> resolved = r.resolves().isEmpty() ? Uni.createFrom().voidItem() : resolve(conn, subjectId, r.resolves(), r.unlessFor());
        return r.raises() == null ? resolved : resolved.chain(() -> raise(conn, alert.apply(r.raises())));
    }

    private Uni<Void> raise(SqlConnection conn, Alert a) {
        Instant now = clock.instant();
        return notifications.isOpen(conn, a.subjectId(), a.type())
                .chain(open -> open
                        ? Uni.createFrom().voidItem() // already told, and not answered yet
                        : notifications.lockOpenGroup(conn, a.workspaceId(), a.type(), a.platform(), now.minus(groupWindow))
                                .chain(group -> group == null ? create(conn, a, now) : join(conn, group, a, now)));
    }

    private Uni<Void> create(SqlConnection conn, Alert a, Instant now) {
        UUID id = UUID.randomUUID();
        Text text = AlertText.of(a.type(), a.platform(), List.of(new AlertSubject(a.displayName(), a.expiresAt(), a.detail())), a.at());
        return notifications.insert(conn, id, a, text.title(), text.body(), now)
                .chain(() -> notifications.addSubject(conn, id, a, now))
                .chain(() -> feed.changed(conn, a.workspaceId(), id, null, now))
                .chain(() -> AlertRules.viaBot(a.type(), a.audience(), botTypes)
                        ? telegram.enqueueForWorkspace(conn, a.workspaceId(), text.title() + "\n" + text.body(), now)
                        : Uni.createFrom().voidItem());
    }

    /** A platform-wide event: the open notification counts one more subject, and is unread again for everyone. */
    private Uni<Void> join(SqlConnection conn, UUID id, Alert a, Instant now) {
        return notifications.addSubject(conn, id, a, now)
                .chain(() -> bell.unreadForEveryone(conn, id))
                .chain(() -> rewrite(conn, id, now));
    }

    private Uni<Void> resolve(SqlConnection conn, UUID subjectId, List<AlertType> types, List<String> unlessFor) {
        Instant now = clock.instant();
        return notifications.resolveSubject(conn, subjectId, types, unlessFor, now)
                .chain(ids -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> rewrite(conn, id, now))
                        .collect().last().replaceWithVoid());
    }

    /** Rewords a notification from its open subjects, or resolves it when none is left (N4). */
    private Uni<Void> rewrite(SqlConnection conn, UUID id, Instant now) {
        return notifications.openGroup(conn, id).chain(group -> {
            Uni<Void> update = group.open().isEmpty()
                    ? notifications.resolve(conn, id, now)
                    : reword(conn, id, AlertText.of(group.type(), group.platform(), group.open(), group.createdAt()), now);
            return update.chain(() -> feed.changed(conn, group.workspaceId(), id, null, now));
        });
    }

    private Uni<Void> reword(SqlConnection conn, UUID id, Text text, Instant now) {
        return notifications.reword(conn, id, text.title(), text.body(), now);
    }
}
