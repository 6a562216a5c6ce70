package ai.wevion.testing;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives a service's incoming channels (init arg {@code channels}, comma
 * separated) a consumer group of their own for this test run, starting at the
 * end of the topic: a test sees the effect of its own events, not of the whole
 * history other modules' tests left on the broker. {@link #awaitAssigned()}
 * waits until the group has its partitions, before a test publishes.
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
        Map<String, String> config = new HashMap<>();
        for (String channel : channels) {
            config.put("mp.messaging.incoming." + channel + ".group.id", group);
            config.put("mp.messaging.incoming." + channel + ".auto.offset.reset", "latest");
        }
        return config;
    }

    @Override
    public void stop() {
    }

    public static void awaitAssigned() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        try (Admin admin = Admin.create(p)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d != null && !d.members().isEmpty()
                        && d.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }
}
