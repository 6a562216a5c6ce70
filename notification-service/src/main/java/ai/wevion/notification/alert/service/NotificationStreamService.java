package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.repository.BellRepository;
import ai.wevion.notification.alert.repository.FeedRepository;
import ai.wevion.notification.alert.repository.FeedRepository.Change;
import ai.wevion.notification.alert.repository.NotificationView;
import ai.wevion.notification.alert.repository.Reader;
import ai.wevion.pglisten.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The open bell streams of this replica. Each follows its workspace's feed
 * from a sequence number (the last one it was sent, or Last-Event-ID when a
 * browser reconnects), woken by the {@code notification_feed} notification
 * that every change sends on commit, whichever replica made it. A change the
 * reader may not see only moves the stream on.
 */
@ApplicationScoped
public class NotificationStreamService {

    /** One event of a stream: a new or changed notification (null when only the count moved) and the unread count. */
    public record FeedEvent(long seq, NotificationView notification, long unreadCount) {
    }

    private static final Logger LOG = Logger.getLogger(NotificationStreamService.class);
    private static final int BATCH = 200;

    private final Map<UUID, Set<Stream>> byWorkspace = new ConcurrentHashMap<>();
    private final FeedRepository feed;
    private final BellRepository bell;
    private final PgNotifications notifications;

    public NotificationStreamService(FeedRepository feed, BellRepository bell, PgNotifications notifications) {
        this.feed = feed;
        this.bell = bell;
        this.notifications = notifications;
    }

    void listen(@Observes StartupEvent event) {
        // after a reconnect every stream looks again: notifications sent meanwhile are lost, the feed is not
        notifications.listen(FeedRepository.CHANNEL, ws -> wake(UUID.fromString(ws)), () -> byWorkspace.keySet().forEach(this::wake));
    }

    /** A live stream for this reader, from after {@code lastEventId}, or from now (first event: the unread count). */
    public Multi<FeedEvent> open(Reader reader, Long lastEventId) {
        return Multi.createFrom().emitter(emitter -> {
            Stream stream = new Stream(reader, emitter);
            byWorkspace.computeIfAbsent(reader.workspaceId(), k -> ConcurrentHashMap.newKeySet()).add(stream);
            emitter.onTermination(() -> byWorkspace.getOrDefault(reader.workspaceId(), Set.of()).remove(stream));
            if (lastEventId != null) {
                stream.startAt(lastEventId);
                return;
            }
            feed.lastSeq(reader.workspaceId())
                    .chain(seq -> bell.unreadCount(reader).invoke(count -> emitter.emit(new FeedEvent(seq, null, count)))
                            .replaceWith(seq))
                    .subscribe().with(stream::startAt, emitter::fail);
        });
    }

    private void wake(UUID workspaceId) {
        byWorkspace.getOrDefault(workspaceId, Set.of()).forEach(Stream::pump);
    }

    private final class Stream {
        private final Reader reader;
        private final MultiEmitter<? super FeedEvent> emitter;
        private final AtomicBoolean pumping = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private volatile long seq = -1; // not started

        Stream(Reader reader, MultiEmitter<? super FeedEvent> emitter) {
            this.reader = reader;
            this.emitter = emitter;
        }

        void startAt(long from) {
            seq = from;
            pump();
        }

        /** Sends what the feed holds after {@code seq}; one pump at a time, rerun if woken meanwhile. */
        void pump() {
            if (seq < 0 || emitter.isCancelled()) {
                return;
            }
            again.set(true);
            if (!pumping.compareAndSet(false, true)) {
                return;
            }
            again.set(false);
            next().subscribe().with(more -> {
                pumping.set(false);
                if (more || again.get()) {
                    pump();
                }
            }, e -> {
                pumping.set(false);
                LOG.warnf("bell stream paused: %s", e.getMessage());
            });
        }

        private Uni<Boolean> next() {
            return feed.after(reader.workspaceId(), seq, BATCH)
                    .chain(changes -> {
                        if (changes.isEmpty()) {
                            return Uni.createFrom().item(false);
                        }
                        return bell.unreadCount(reader).chain(count -> send(changes, 0, count))
                                .replaceWith(changes.size() == BATCH);
                    });
        }

        private Uni<Void> send(List<Change> changes, int i, long count) {
            if (i == changes.size()) {
                return Uni.createFrom().voidItem();
            }
            Change c = changes.get(i);
            boolean mine = c.onlyFor() == null || Objects.equals(c.onlyFor(), reader.userId());
            Uni<NotificationView> view = !mine || c.notificationId() == null
                    ? Uni.createFrom().nullItem()
                    : bell.one(reader, c.notificationId());
            return view.invoke(v -> {
                if (mine && (v != null || c.notificationId() == null)) {
                    emitter.emit(new FeedEvent(c.seq(), v, count));
                }
                seq = c.seq();
            }).chain(() -> send(changes, i + 1, count));
        }
    }
}
