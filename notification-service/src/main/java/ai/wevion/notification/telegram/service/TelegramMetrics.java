package ai.wevion.notification.telegram.service;

import ai.wevion.notification.telegram.repository.DeliveryQueueRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Telegram delivery on /q/metrics: {@code wevion_telegram_pending} (bot
 * messages waiting), {@code wevion_telegram_oldest_age_seconds} (how long the
 * oldest has waited; an outage at Telegram shows as a growing age, alert
 * TelegramBacklog) measured every 15 s, and
 * {@code wevion_telegram_dropped_total} (messages given up, by why). While
 * the database cannot be read, the last figures stay.
 */
@ApplicationScoped
public class TelegramMetrics {

    private final DeliveryQueueRepository queue;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    public TelegramMetrics(DeliveryQueueRepository queue, Clock clock, MeterRegistry registry) {
        this.queue = queue;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder("wevion.telegram.pending", pending, AtomicLong::get).description("Bot messages waiting for Telegram")
                .register(registry);
        Gauge.builder("wevion.telegram.oldest.age.seconds", oldestSeconds, AtomicLong::get)
                .description("Seconds the oldest bot message has waited for Telegram").register(registry);
    }

    /** A message given up: {@code why} is "stale" (a day old) or "refused" (Telegram refused it three times). */
    void dropped(String why) {
        Counter.builder("wevion.telegram.dropped").description("Bot messages given up").tag("reason", why).register(registry).increment();
    }

    @Scheduled(every = "${notification.telegram.metrics-every:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measure() {
        return queue.backlog(clock.instant())
                .invoke(b -> {
                    pending.set(b.pending());
                    oldestSeconds.set(b.oldestAgeSeconds());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
