package ai.wevion.notification.telegram.service;

import ai.wevion.notification.telegram.client.TelegramBotClient;
import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import ai.wevion.notification.telegram.repository.DeliveryQueueRepository;
import ai.wevion.notification.telegram.repository.DeliveryQueueRepository.Delivery;
import ai.wevion.notification.telegram.repository.TelegramLinkRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Sends waiting bot messages, each claimed with a lease so replicas never
 * send one twice at once. 403 "bot was blocked by the user" (or a chat that
 * no longer exists) unlinks the chat and drops its messages; other failures
 * wait as {@link DeliveryRules} says (through an outage at Telegram, until a
 * message is a day old).
 */
@ApplicationScoped
public class TelegramDeliveryService {

    private static final Logger LOG = Logger.getLogger(TelegramDeliveryService.class);
    private static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final Pool pool;
    private final TelegramBotClient bot;
    private final DeliveryQueueRepository queue;
    private final TelegramLinkRepository links;
    private final Clock clock;
    private final TelegramMetrics metrics;

    public TelegramDeliveryService(Pool pool, TelegramBotClient bot, DeliveryQueueRepository queue, TelegramLinkRepository links,
            Clock clock, TelegramMetrics metrics) {
        this.pool = pool;
        this.bot = bot;
        this.queue = queue;
        this.links = links;
        this.clock = clock;
        this.metrics = metrics;
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
        return queue.claimDue(now, now.plus(LEASE), BATCH)
                .chain(claimed -> Multi.createFrom().iterable(claimed).onItem().transformToUniAndConcatenate(this::send)
                        .collect().asList().map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> send(Delivery d) {
        return bot.sendMessage(d.chatId(), d.text())
                .onFailure().recoverWithItem(e -> new Answer(false, 0, e.getClass().getSimpleName(), null, null))
                .chain(answer -> outcome(d, answer).replaceWith(answer.ok()));
    }

    private Uni<Void> outcome(Delivery d, Answer answer) {
        Instant now = clock.instant();
        if (answer.ok()) {
            return queue.delete(d.id());
        }
        if (answer.blocked()) {
            LOG.infof("Telegram chat %d is gone (%s): unlinked", d.chatId(), answer.description());
            return pool.withTransaction(conn -> links.unlinkChat(conn, d.chatId()).chain(() -> queue.dropChat(conn, d.chatId())));
        }
        Duration age = Duration.between(d.createdAt(), now);
        if (DeliveryRules.givesUp(answer, d.attempts(), age)) {
            LOG.warnf("dropping a Telegram message after %d attempts over %d minutes: %s", d.attempts() + 1, age.toMinutes(),
                    answer.description());
            metrics.dropped(age.compareTo(DeliveryRules.MAX_AGE) >= 0 ? "stale" : "refused");
            return queue.delete(d.id());
        }
        return queue.retryAt(d.id(), now.plus(DeliveryRules.retryIn(answer, d.attempts())));
    }
}
