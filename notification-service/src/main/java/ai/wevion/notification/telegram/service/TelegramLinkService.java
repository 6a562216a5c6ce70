package ai.wevion.notification.telegram.service;

import ai.wevion.notification.config.NotificationConfig;
import ai.wevion.notification.telegram.repository.DeliveryQueueRepository;
import ai.wevion.notification.telegram.repository.TelegramLinkRepository;
import ai.wevion.notification.telegram.repository.TelegramUpdateRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Telegram linking (N5): a one-time link token, valid 24 h, in the deep link
 * {@code https://t.me/<bot>?start=<token>}. The bot's {@code /start <token>}
 * update links the chat, once; every refusal gets a reply that says what to
 * do ({@link LinkRules}). A link lasts until unlinked (or the user blocks the bot).
 */
@ApplicationScoped
public class TelegramLinkService {

    public record NewLink(String deepLink, Instant expiresAt) {
    }

    public record LinkStatus(boolean linked, Instant linkedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Clock clock;
    private final NotificationConfig.Telegram config;
    private final TelegramLinkRepository links;
    private final TelegramUpdateRepository updates;
    private final DeliveryQueueRepository replies;

    public TelegramLinkService(Pool pool, Clock clock, NotificationConfig config, TelegramLinkRepository links,
            TelegramUpdateRepository updates, DeliveryQueueRepository replies) {
        this.pool = pool;
        this.clock = clock;
        this.config = config.telegram();
        this.links = links;
        this.updates = updates;
        this.replies = replies;
    }

    public Uni<NewLink> create(UUID workspaceId, UUID userId) {
        String token = LinkRules.newToken(RANDOM);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.linkTtl());
        return links.insertToken(LinkRules.hash(token), workspaceId, userId, now, expiresAt)
                .map(ignored -> new NewLink(LinkRules.deepLink(config.botUsername(), token), expiresAt));
    }

    public Uni<LinkStatus> status(UUID workspaceId, UUID userId) {
        return links.linkedAt(workspaceId, userId).map(at -> new LinkStatus(at != null, at));
    }

    public Uni<Void> unlink(UUID workspaceId, UUID userId) {
        return links.unlink(workspaceId, userId);
    }

    /** One bot update (webhook or getUpdates), applied once by {@code update_id}. */
    public Uni<Void> onUpdate(JsonObject update) {
        TelegramUpdate read = TelegramUpdate.read(update);
        if (read == null) {
            return Uni.createFrom().voidItem(); // not a text message: nothing to do
        }
        long updateId = read.updateId();
        long chatId = read.chatId();
        String payload = LinkRules.startPayload(read.text().trim());
        Instant now = clock.instant();
        return pool.withTransaction(conn -> updates.firstTime(conn, updateId, now)
                .chain(fresh -> !fresh || payload == null
                        ? Uni.createFrom().voidItem()
                        : start(conn, chatId, payload, now)));
    }

    private Uni<Void> start(SqlConnection conn, long chatId, String payload, Instant now) {
        String refused = LinkRules.refusalOfPayload(payload);
        if (refused != null) {
            return replies.enqueueReply(conn, chatId, refused, now);
        }
        String hash = LinkRules.hash(payload);
        return links.lockToken(conn, hash).chain(token -> {
            String refusal = token == null
                    ? LinkRules.refusalOfToken(false, null, null, now)
                    : LinkRules.refusalOfToken(true, token.usedAt(), token.expiresAt(), now);
            if (refusal != null) {
                return replies.enqueueReply(conn, chatId, refusal, now);
            }
            return links.useToken(conn, hash, now)
                    .chain(() -> links.link(conn, token.workspaceId(), token.userId(), chatId, now))
                    .chain(() -> replies.enqueueReply(conn, chatId, LinkRules.LINKED, now));
        });
    }
}
