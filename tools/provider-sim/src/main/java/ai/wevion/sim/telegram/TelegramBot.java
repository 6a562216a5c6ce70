package ai.wevion.sim.telegram;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one simulated Telegram bot: its webhook (or the updates
 * waiting for getUpdates), the chats that talk to it, what it sent them, and
 * per-chat failures (docs/providers.md "Telegram Bot API").
 */
@ApplicationScoped
public class TelegramBot {

    public enum Failure { NONE, BLOCKED, RATE_LIMITED, CHAT_NOT_FOUND }

    /** What sendMessage answers for a chat right now. */
    public record SendOutcome(int status, JsonObject body) {
    }

    private static final class Chat {
        final long id;
        final String firstName;
        final List<String> received = new ArrayList<>();
        Failure failure = Failure.NONE;
        int failuresLeft = -1; // -1: until NONE
        int retryAfter = 1;

        Chat(long id, String firstName) {
            this.id = id;
            this.firstName = firstName;
        }
    }

    private final Map<Long, Chat> chats = new ConcurrentHashMap<>();
    private final List<JsonObject> pending = new ArrayList<>();
    // Telegram's ids never repeat for a bot; a restarted simulator must not reuse ids a service already saw
    private final AtomicLong nextUpdateId = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000, 1_000_000_000) * 1_000);
    private final AtomicLong nextChatId = new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 20, 1L << 40));
    private final WebClient http;
    private volatile String webhookUrl;
    private volatile String webhookSecret;
    private volatile boolean down;

    public TelegramBot(Vertx vertx) {
        this.http = WebClient.create(vertx);
    }

    /** The whole Bot API unreachable (an outage at Telegram): every call gets its front proxy's 502 page. */
    public void setDown(boolean down) {
        this.down = down;
    }

    public boolean isDown() {
        return down;
    }

    public long newChat(String firstName) {
        long id = nextChatId.incrementAndGet();
        chats.put(id, new Chat(id, firstName == null ? "Tester" : firstName));
        return id;
    }

    public synchronized void setWebhook(String url, String secret) {
        webhookUrl = url == null || url.isBlank() ? null : url;
        webhookSecret = secret;
    }

    public boolean hasWebhook() {
        return webhookUrl != null;
    }

    /** getUpdates: confirms every update below {@code offset} and answers the rest (at most {@code limit}). */
    public synchronized List<JsonObject> updates(long offset, int limit) {
        pending.removeIf(u -> u.getLong("update_id") < offset);
        return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
    }

    /**
     * The user writes {@code text} to the bot: delivered to the webhook (with
     * {@code secret}, the configured one unless overridden) or queued for
     * getUpdates; {@code times} > 1 delivers the same update again, as
     * Telegram does when it is unsure the first one arrived.
     */
    public Uni<Integer> userWrites(long chatId, String text, String secretOverride, int times) {
        Chat chat = chat(chatId);
        JsonObject update = new JsonObject().put("update_id", nextUpdateId.incrementAndGet())
                .put("message", new JsonObject().put("message_id", nextUpdateId.get()).put("date", System.currentTimeMillis() / 1000)
                        .put("chat", new JsonObject().put("id", chat.id).put("type", "private").put("first_name", chat.firstName))
                        .put("from", new JsonObject().put("id", chat.id).put("is_bot", false).put("first_name", chat.firstName))
                        .put("text", text));
        if (webhookUrl == null) {
            synchronized (this) {
                for (int i = 0; i < times; i++) {
                    pending.add(update);
                }
            }
            return Uni.createFrom().item(0);
        }
        String secret = secretOverride != null ? secretOverride : webhookSecret;
        Uni<Integer> delivery = Uni.createFrom().item(0);
        for (int i = 0; i < times; i++) {
            delivery = delivery.chain(() -> http.postAbs(webhookUrl).putHeader("X-Telegram-Bot-Api-Secret-Token", secret == null ? "" : secret)
                    .sendJsonObject(update).map(r -> r.statusCode()));
        }
        return delivery;
    }

    public synchronized void fail(long chatId, Failure failure, Integer count, Integer retryAfter) {
        Chat chat = chat(chatId);
        chat.failure = failure;
        chat.failuresLeft = count == null ? -1 : count;
        chat.retryAfter = retryAfter == null ? 1 : retryAfter;
    }

    /** sendMessage to a chat, with the chat's failure if any. */
    public synchronized SendOutcome send(long chatId, String text) {
        Chat chat = chats.get(chatId);
        Failure failure = chat == null ? Failure.CHAT_NOT_FOUND : chat.failure;
        if (chat != null && failure != Failure.NONE && chat.failuresLeft != -1 && chat.failuresLeft-- <= 0) {
            chat.failure = failure = Failure.NONE;
        }
        return switch (failure) {
            case BLOCKED -> error(403, "Forbidden: bot was blocked by the user", null);
            case CHAT_NOT_FOUND -> error(400, "Bad Request: chat not found", null);
            case RATE_LIMITED -> error(429, "Too Many Requests: retry after " + chat.retryAfter,
                    new JsonObject().put("retry_after", chat.retryAfter));
            case NONE -> {
                chat.received.add(text);
                yield new SendOutcome(200, new JsonObject().put("ok", true).put("result", new JsonObject()
                        .put("message_id", nextUpdateId.incrementAndGet()).put("date", System.currentTimeMillis() / 1000)
                        .put("chat", new JsonObject().put("id", chat.id).put("type", "private")).put("text", text)));
            }
        };
    }

    public synchronized List<String> received(long chatId) {
        return List.copyOf(chat(chatId).received);
    }

    private Chat chat(long chatId) {
        Chat chat = chats.get(chatId);
        if (chat == null) {
            throw new jakarta.ws.rs.NotFoundException("no such chat");
        }
        return chat;
    }

    static SendOutcome error(int code, String description, JsonObject parameters) {
        JsonObject body = new JsonObject().put("ok", false).put("error_code", code).put("description", description);
        if (parameters != null) {
            body.put("parameters", parameters);
        }
        return new SendOutcome(code, body);
    }
}
