package ai.wevion.notification.telegram.service;

import ai.wevion.notification.config.NotificationConfig;
import ai.wevion.notification.telegram.client.TelegramBotClient;
import ai.wevion.notification.telegram.repository.TelegramUpdateRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * How bot updates arrive. Webhook mode registers {@code webhook-url} (with
 * the secret) at start-up when it is set. Long polling, when {@code notification.telegram.updates=polling}: one
 * replica at a time (the row lock on {@code telegram_poll}, taken with SKIP
 * LOCKED, because Telegram answers 409 to a second poller) asks for updates
 * after the stored offset, applies them, and moves the offset on.
 */
@ApplicationScoped
public class TelegramPollService {

    private static final Logger LOG = Logger.getLogger(TelegramPollService.class);

    private final Pool pool;
    private final TelegramBotClient bot;
    private final TelegramLinkService links;
    private final TelegramUpdateRepository updates;
    private final boolean enabled;
    private final NotificationConfig.Telegram config;

    public TelegramPollService(Pool pool, TelegramBotClient bot, TelegramLinkService links, TelegramUpdateRepository updates,
            NotificationConfig config) {
        this.pool = pool;
        this.bot = bot;
        this.links = links;
        this.updates = updates;
        this.config = config.telegram();
        this.enabled = "polling".equals(config.telegram().updates());
    }

    void register(@Observes StartupEvent event) {
        Uni<TelegramBotClient.Answer> setup = enabled
                ? bot.deleteWebhook()
                : config.webhookUrl().map(url -> bot.setWebhook(url, config.webhookSecret())).orElse(Uni.createFrom().nullItem());
        setup.subscribe().with(answer -> {
            if (answer != null && !answer.ok()) {
                LOG.warnf("Telegram refused the update setup: %s", answer.description());
            }
        }, e -> LOG.warnf("Telegram update setup failed: %s", e.getMessage()));
    }

    @Scheduled(every = "${notification.telegram.poll-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return pollOnce().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Telegram polling paused: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Answers how many updates were applied. */
    public Uni<Integer> pollOnce() {
        return pool.withTransaction(conn -> updates.lockPollOffset(conn)
                .chain(offset -> {
                    if (offset == null) {
                        return Uni.createFrom().item(0); // another replica is polling
                    }
                    return bot.getUpdates(offset).chain(answer -> {
                        if (!answer.ok()) {
                            LOG.warnf("getUpdates refused: %s", answer.description());
                            return Uni.createFrom().item(0);
                        }
                        var received = TelegramBotClient.updates(answer).stream().map(u -> (JsonObject) u).toList();
                        long next = received.stream().mapToLong(u -> u.getLong("update_id") + 1).max().orElse(offset);
                        return Multi.createFrom().iterable(received).onItem().transformToUniAndConcatenate(links::onUpdate)
                                .collect().asList()
                                .chain(() -> updates.movePollOffset(conn, next))
                                .replaceWith(received.size());
                    });
                }));
    }
}
