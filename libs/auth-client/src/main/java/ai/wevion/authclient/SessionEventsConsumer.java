package ai.wevion.authclient;

import ai.wevion.authclient.event.SessionEnded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private volatile boolean caughtUp;

    public SessionEventsConsumer(SessionCheckConfig config, RevokedSessions revoked, ObjectMapper json) {
        this.config = config;
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
                        LOG.infof("session check ready: %d revoked sessions known", revoked.size());
                    }
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
