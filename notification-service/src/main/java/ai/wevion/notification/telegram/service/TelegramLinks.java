package ai.wevion.notification.telegram.service;

import static ai.wevion.notification.alert.service.Feed.utc;

import ai.wevion.notification.config.NotificationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Telegram linking (N5): a one-time link token (32 random bytes, URL-safe,
 * 43 characters; only its SHA-256 is stored; 24 h; single use) in the deep
 * link {@code https://t.me/<bot>?start=<token>}. The bot's {@code /start
 * <token>} update links the chat, once; every refusal gets a reply that says
 * what to do. A link lasts until unlinked (or the user blocks the bot).
 */
@ApplicationScoped
public class TelegramLinks {

    public record NewLink(String deepLink, Instant expiresAt) {
    }

    public record LinkStatus(boolean linked, Instant linkedAt) {
    }

    static final String LINKED = "Telegram is now linked to your Wevion account. Notifications will arrive here.";
    static final String NO_TOKEN = "To link this chat, open Wevion → Settings → Notifications → Connect Telegram and press the link there.";
    static final String INVALID = "This link is not valid. Open Wevion → Settings → Notifications → Connect Telegram for a new one.";
    static final String EXPIRED = "This link has expired (links last 24 hours). Open Wevion → Settings → Notifications → Connect Telegram for a new one.";
    static final String USED = "This link was already used. Open Wevion → Settings → Notifications → Connect Telegram for a new one.";

    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Clock clock;
    private final NotificationConfig.Telegram config;
    private final TelegramOutbox outbox;

    public TelegramLinks(Pool pool, Clock clock, NotificationConfig config, TelegramOutbox outbox) {
        this.pool = pool;
        this.clock = clock;
        this.config = config.telegram();
        this.outbox = outbox;
    }

    public Uni<NewLink> create(UUID workspaceId, UUID userId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.linkTtl());
        return pool.preparedQuery("insert into telegram_link_token (token_hash, workspace_id, user_id, created_at, expires_at) "
                + "values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(hash(token), workspaceId, userId, utc(now), utc(expiresAt)))
                .map(ignored -> new NewLink("https://t.me/" + config.botUsername() + "?start=" + token, expiresAt));
    }

    public Uni<LinkStatus> status(UUID workspaceId, UUID userId) {
        return pool.preparedQuery("select linked_at from telegram_link where workspace_id = $1 and user_id = $2")
                .execute(Tuple.of(workspaceId, userId))
                .map(rows -> rows.iterator().hasNext()
                        ? new LinkStatus(true, rows.iterator().next().getOffsetDateTime(0).toInstant())
                        : new LinkStatus(false, null));
    }

    public Uni<Void> unlink(UUID workspaceId, UUID userId) {
        return pool.preparedQuery("delete from telegram_link where workspace_id = $1 and user_id = $2")
                .execute(Tuple.of(workspaceId, userId)).replaceWithVoid();
    }

    /** One bot update (webhook or getUpdates), applied once by {@code update_id}. */
    public Uni<Void> onUpdate(JsonObject update) {
        Long updateId = update.getLong("update_id");
        JsonObject message = update.getJsonObject("message");
        if (updateId == null || message == null || message.getJsonObject("chat") == null || message.getString("text") == null) {
            return Uni.createFrom().voidItem(); // not a text message: nothing to do
        }
        long chatId = message.getJsonObject("chat").getLong("id");
        String text = message.getString("text").trim();
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into telegram_update (update_id, received_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(updateId, utc(now)))
                .chain(fresh -> fresh.rowCount() == 0 || !isStart(text)
                        ? Uni.createFrom().voidItem()
                        : start(conn, chatId, text.substring("/start".length()).trim(), now)));
    }

    private static boolean isStart(String text) {
        return text.equals("/start") || text.startsWith("/start ");
    }

    private Uni<Void> start(SqlConnection conn, long chatId, String payload, Instant now) {
        if (payload.isEmpty()) {
            return outbox.reply(conn, chatId, NO_TOKEN, now);
        }
        if (!PAYLOAD.matcher(payload).matches()) {
            return outbox.reply(conn, chatId, INVALID, now);
        }
        return conn.preparedQuery("select workspace_id, user_id, expires_at, used_at from telegram_link_token where token_hash = $1 "
                + "for update").execute(Tuple.of(hash(payload)))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return outbox.reply(conn, chatId, INVALID, now);
                    }
                    Row token = rows.iterator().next();
                    if (token.getOffsetDateTime("used_at") != null) {
                        return outbox.reply(conn, chatId, USED, now);
                    }
                    if (!token.getOffsetDateTime("expires_at").toInstant().isAfter(now)) {
                        return outbox.reply(conn, chatId, EXPIRED, now);
                    }
                    return conn.preparedQuery("update telegram_link_token set used_at = $2 where token_hash = $1")
                            .execute(Tuple.of(hash(payload), utc(now)))
                            .chain(() -> conn.preparedQuery("""
                                    insert into telegram_link (workspace_id, user_id, chat_id, linked_at) values ($1, $2, $3, $4)
                                    on conflict (workspace_id, user_id) do update set chat_id = excluded.chat_id, linked_at = excluded.linked_at""")
                                    .execute(Tuple.of(token.getUUID("workspace_id"), token.getUUID("user_id"), chatId, utc(now))))
                            .chain(() -> outbox.reply(conn, chatId, LINKED, now));
                });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
