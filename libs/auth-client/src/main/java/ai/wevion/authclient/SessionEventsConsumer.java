package ai.wevion.authclient;

import ai.wevion.authclient.event.SessionEnded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads every partition of {@code session-events} in every replica (no consumer
 * group: each replica needs all revocations) and records ended sessions.
 * A replica starting up replays the last hour first and is not ready before.
 */
@ApplicationScoped
public class SessionEventsConsumer {

    private static final Logger LOG = Logger.getLogger(SessionEventsConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final SessionCheckConfig config;
    private final RevokedSessions revoked;
    private final ObjectMapper json;
    private final Instance<Map<String, Object>> kafka;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private volatile boolean caughtUp;
    // when this replica last saw that it had read everything the broker held
    private volatile Instant currentAt = Instant.EPOCH;
    // when the stream last became current after a lapse (EPOCH: never lapsed since start)
    private volatile Instant currentSince = Instant.EPOCH;
    private Instant nextCheck = Instant.EPOCH;

    public SessionEventsConsumer(SessionCheckConfig config, RevokedSessions revoked, ObjectMapper json,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafka) {
        this.config = config;
        this.kafka = kafka;
        this.revoked = revoked;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        Thread thread = new Thread(this::run, "session-check-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    /** True once the revocations of the last hour have been read. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /**
     * True if, less than {@code maxLag} ago, this replica had read every
     * revocation the broker held: a logout older than that is known here.
     * After a lapse (the broker was away), only once it has been so for
     * {@code settle}: the revocations auth-service committed meanwhile reach
     * the broker when its outbox relay retries.
     */
    public boolean isCurrent(Duration maxLag) {
        Instant now = Instant.now();
        return caughtUp && now.isBefore(currentAt.plus(maxLag)) && !now.isBefore(currentSince.plus(config.settle()));
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                Map<TopicPartition, Long> endAtStart = assignFromLookback(c);
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(POLL)) {
                        apply(record.value());
                    }
                    if (!caughtUp && endAtStart.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                        caughtUp = true;
                        currentAt = Instant.now();
                        LOG.infof("session check ready: %d revoked sessions known", revoked.size());
                    }
                    confirmCurrent(c, endAtStart.keySet());
                    revoked.forgetExpired(Instant.now());
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("session check cannot read %s (%s); retrying", config.topic(), e.getMessage());
                sleepQuietly();
            }
        }
    }

    /**
     * A few times a second, asks the broker for the end of every partition: if
     * this replica's position has reached it, everything published before the
     * question is known here. A broker that does not answer leaves
     * {@link #currentAt} where it was, so the lag grows and {@link SessionCheck}
     * turns to auth-service.
     */
    private void confirmCurrent(KafkaConsumer<String, String> c, Set<TopicPartition> partitions) {
        Instant asked = Instant.now();
        if (!caughtUp || asked.isBefore(nextCheck)) {
            return;
        }
        nextCheck = asked.plus(config.currentCheckEvery());
        try {
            Map<TopicPartition, Long> end = c.endOffsets(partitions, config.currentCheckEvery().multipliedBy(2));
            if (end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                if (asked.isAfter(currentAt.plus(config.maxLag()))) {
                    // back after a lapse: what auth-service committed meanwhile may still sit in its outbox
                    currentSince = asked;
                }
                currentAt = asked;
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            LOG.debugf("session check: broker did not answer (%s)", e.getMessage());
        }
    }

    private Map<TopicPartition, Long> assignFromLookback(KafkaConsumer<String, String> c) {
        List<TopicPartition> partitions = c.partitionsFor(config.topic(), Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic has no partitions yet");
        }
        c.assign(partitions);
        long since = Instant.now().minus(config.lookback()).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = c.offsetsForTimes(query);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp o = offsets.get(p);
            c.seek(p, o != null ? o.offset() : end.get(p));
        }
        return end;
    }

    void apply(String value) {
        try {
            SessionEnded event = json.readValue(value, SessionEnded.class);
            if (event.endsASession()) {
                revoked.revoke(event.sessionId(), event.occurredAt().plus(config.lookback()));
            }
        } catch (Exception e) {
            LOG.warnf("ignoring unreadable session event: %s", e.getMessage());
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        // the service's kafka.* settings (TLS, SASL in a cluster), as its channels get them
        if (kafka != null && kafka.isResolvable()) {
            p.putAll(kafka.get());
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "session-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        return p;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
