package ai.wevion.system;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A stand-in for the platform's sync workers: takes each {@code SYNC_REQUESTED}
 * from {@code sync-requests}, fetches the platform user's token from
 * token-service's credentials endpoint (as the worker would before calling the
 * provider), and answers {@code SYNC_COMPLETED} on {@code sync-results} with
 * the window's end — or {@code SYNC_FAILED} when no credential is given or
 * the test made the workspace's syncs fail.
 */
final class SyncWorker implements AutoCloseable {

    private final List<JsonPath> handled = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> workspaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    SyncWorker() {
        String serviceJwt = SystemApi.serviceJwtOf("sync-worker");
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:29092");
        String group = "sync-worker-" + UUID.randomUUID();
        // from the end of the topic as it is now, committed before joining: what earlier runs left there is not read again,
        // and nothing published from now on is missed (other workspaces' requests are skipped)
        ai.wevion.testing.FreshConsumerGroups.startAtEnd("127.0.0.1:29092", group, java.util.Set.of("sync-requests"));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:29092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c);
        KafkaProducer<String, String> producer = new KafkaProducer<>(p);
        consumer.subscribe(List.of("sync-requests"));
        thread = new Thread(() -> {
            try (consumer; producer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        JsonPath request = JsonPath.from(r.value());
                        if (!workspaces.contains(request.getString("workspaceId"))) {
                            continue; // left on the topic by the module tests
                        }
                        int status = credentialStatus(serviceJwt, request.getString("platformUserId"));
                        boolean ok = status == 200 && !failing.contains(request.getString("workspaceId"));
                        String type = ok ? "SYNC_COMPLETED" : "SYNC_FAILED";
                        producer.send(new ProducerRecord<>("sync-results", request.getString("adAccountId"), "{\"eventId\":\""
                                + UUID.randomUUID() + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + java.time.Instant.now()
                                + "\",\"workspaceId\":\"" + request.getString("workspaceId") + "\",\"requestId\":\""
                                + request.getString("requestId") + "\",\"adAccountId\":\"" + request.getString("adAccountId")
                                + "\",\"syncedUntil\":\"" + request.getString("to") + "\"}"));
                        handled.add(request);
                    }
                }
            }
        }, "sync-worker");
        thread.start();
    }

    /** token-service's answer for the credential, 0 when it gave none (down: the sync fails, as a worker's would). */
    private static int credentialStatus(String serviceJwt, String platformUserId) {
        try {
            return given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + serviceJwt)
                    .get("/internal/v1/credentials/" + platformUserId).statusCode();
        } catch (Exception e) { // RestAssured throws a refused connection (an IOException) unwrapped
            return 0;
        }
    }

    /** Every request handled so far. */
    List<JsonPath> handled() {
        return List.copyOf(handled);
    }

    /** The workspaces whose requests this worker answers. */
    void serve(String workspaceId) {
        workspaces.add(workspaceId);
    }

    /** From now on the workspace's syncs fail (the provider's API is down for it, say). */
    void failSyncsOf(String workspaceId) {
        failing.add(workspaceId);
    }

    /** From now on the workspace's syncs succeed again (when token-service gives the credential). */
    void succeedSyncsOf(String workspaceId) {
        failing.remove(workspaceId);
    }

    @Override
    public void close() {
        running = false;
    }
}
