package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.repository.BellRepository;
import ai.wevion.notification.alert.repository.FeedRepository;
import ai.wevion.notification.alert.repository.NotificationView;
import ai.wevion.notification.alert.repository.Reader;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The bell for one reader (N1–N4, N6): list, unread count, read, read-all; a read moves that reader's stream too. */
@ApplicationScoped
public class NotificationService {

    private final Pool pool;
    private final BellRepository bell;
    private final FeedRepository feed;
    private final Clock clock;

    public NotificationService(Pool pool, BellRepository bell, FeedRepository feed, Clock clock) {
        this.pool = pool;
        this.bell = bell;
        this.feed = feed;
        this.clock = clock;
    }

    public Uni<Page<NotificationView>> list(Reader reader, boolean unreadOnly, Cursor after, int limit) {
        return bell.list(reader, unreadOnly, after, limit);
    }

    public Uni<Long> unreadCount(Reader reader) {
        return bell.unreadCount(reader);
    }

    /** 404 for a notification the reader may not see. */
    public Uni<Void> markRead(Reader reader, UUID id) {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> bell.one(conn, reader, id).chain(view -> {
            if (view == null) {
                throw ApiException.notFound("Notification");
            }
            return bell.markRead(conn, reader, id, now)
                    .chain(read -> read ? feed.changed(conn, reader.workspaceId(), id, reader.userId(), now) : Uni.createFrom().voidItem());
        }));
    }

    public Uni<Void> readAll(Reader reader) {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> bell.markAllRead(conn, reader, now)
                .chain(any -> any ? feed.changed(conn, reader.workspaceId(), null, reader.userId(), now) : Uni.createFrom().voidItem()));
    }
}
