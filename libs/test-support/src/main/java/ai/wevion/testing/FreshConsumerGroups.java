package ai.wevion.testing;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives a service's incoming channels (init arg {@code channels}, comma
 * separated; each channel reads the topic of the same name) a consumer group
 * of their own for this test run, starting at the end of the topic: a test
 * sees the effect of its own events, not of the whole history other modules'
 * tests left on the broker.
 *
 * <p>The start is committed for the group before the service starts (the end
 * offset of every partition), not left to {@code auto.offset.reset=latest}:
 * with "latest", a rebalance before the first commit (the second channel's
 * consumer joining the group) reset the position to the end again and
 * silently skipped the events a test had just published. A topic that does
 * not exist yet is read from its beginning: all of it is this run's.
 */
public class FreshConsumerGroups implements QuarkusTestResourceLifecycleManager {

    private static volatile String group;
    private String[] channels = {};

    @Override
    public void init(Map<String, String> initArgs) {
        channels = initArgs.getOrDefault("channels", "").split(",");
    }

    @Override
    public Map<String, String> start() {
        group = "test-" + UUID.randomUUID();
        startAtEnd("127.0.0.1:" + System.getenv().getOrDefault("TEST_KAFKA_PORT", "29092"), group, Set.of(channels));
        Map<String, String> config = new HashMap<>();
        for (String channel : channels) {
            config.put("mp.messaging.incoming." + channel + ".group.id", group);
            config.put("mp.messaging.incoming." + channel + ".auto.offset.reset", "earliest");
        }
        return config;
    }

    @Override
    public void stop() {
    }

    /** Waits until every member of the group has its partitions, before a test publishes. */
    public static void awaitAssigned() {
        try (Admin admin = admin(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d != null && !d.members().isEmpty()
                        && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    /**
     * Commits, for {@code group}, the end offset of every partition of
     * {@code topics} that exists: a consumer of the group then starts there
     * whatever rebalances come first. Call it before the consumers start.
     */
    public static void startAtEnd(String bootstrap, String group, Set<String> topics) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Set<String> present = topics.stream().filter(existing::contains).collect(Collectors.toSet());
            if (present.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            offsets.forEach((partition, info) -> start.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not start consumer group " + group + " at the end of " + topics, e);
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }
}
