package ai.wevion.notification.telegram.service;

import static ai.wevion.notification.alert.service.Feed.utc;

import ai.wevion.notification.telegram.client.TelegramBotClient;
import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends waiting bot messages. Each is claimed with {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so replicas never send one twice at once. 429 waits
 * Telegram's {@code retry_after}; 403 "bot was blocked by the user" (or a
 * chat that no longer exists) unlinks the chat and drops its messages; any
 * other failure retries with backoff.
 */
@ApplicationScoped
public class TelegramDeliveries {

    private static final Logger LOG = Logger.getLogger(TelegramDeliveries.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 10;

    private final Pool pool;
    private final TelegramBotClient bot;
    private final Clock clock;

    public TelegramDeliveries(Pool pool, TelegramBotClient bot, Clock clock) {
        this.pool = pool;
        this.bot = bot;
        this.clock = clock;
    }

    @Scheduled(every = "${notification.telegram.delivery-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return deliverDue().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Telegram delivery paused: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends every due message; answers how many went out. */
    public Uni<Integer> deliverDue() {
        Instant now = clock.instant();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update telegram_delivery d set claimed_until = $2 from (
                    select id from telegram_delivery where next_attempt_at <= $1 and (claimed_until is null or claimed_until < $1)
                    order by next_attempt_at limit $3 for update skip locked) due
                where d.id = due.id returning d.id, d.chat_id, d.text, d.attempts""")
                .execute(Tuple.of(utc(now), utc(now.plus(LEASE)), BATCH)))
                .chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    return Multi.createFrom().iterable(claimed).onItem()
                            .transformToUniAndConcatenate(r -> send(r.getUUID("id"), r.getLong("chat_id"), r.getString("text"),
                                    r.getInteger("attempts")))
                            .collect().asList().map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
                });
    }

    private Uni<Boolean> send(UUID id, long chatId, String text, int attempts) {
        return bot.sendMessage(chatId, text)
                .onFailure().recoverWithItem(e -> new Answer(false, 0, e.getClass().getSimpleName(), null, null))
                .chain(answer -> outcome(id, chatId, attempts, answer).replaceWith(answer.ok()));
    }

    private Uni<Void> outcome(UUID id, long chatId, int attempts, Answer answer) {
        Instant now = clock.instant();
        if (answer.ok()) {
            return pool.preparedQuery("delete from telegram_delivery where id = $1").execute(Tuple.of(id)).replaceWithVoid();
        }
        if (answer.blocked()) {
            LOG.infof("Telegram chat %d is gone (%s): unlinked", chatId, answer.description());
            return pool.withTransaction(conn -> conn.preparedQuery("delete from telegram_link where chat_id = $1").execute(Tuple.of(chatId))
                    .chain(() -> conn.preparedQuery("delete from telegram_delivery where chat_id = $1").execute(Tuple.of(chatId))))
                    .replaceWithVoid();
        }
        if (answer.retryAfter() == null && attempts + 1 >= MAX_ATTEMPTS) {
            LOG.warnf("dropping a Telegram message after %d attempts: %s", MAX_ATTEMPTS, answer.description());
            return pool.preparedQuery("delete from telegram_delivery where id = $1").execute(Tuple.of(id)).replaceWithVoid();
        }
        Duration wait = answer.retryAfter() != null ? answer.retryAfter() : Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
        return pool.preparedQuery("update telegram_delivery set next_attempt_at = $2, attempts = attempts + 1, claimed_until = null "
                + "where id = $1").execute(Tuple.of(id, utc(now.plus(wait)))).replaceWithVoid();
    }
}
