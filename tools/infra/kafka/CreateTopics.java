import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the contract's topics that do not exist yet (broker defaults: partitions
 * and replication), so that a consumer started before the first event has its
 * partitions at once instead of waiting for auto-creation and a metadata refresh.
 * Usage: java -cp "kafka-lib/*" CreateTopics.java BOOTSTRAP TOPIC...
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            Set<String> existing = admin.listTopics().names().get();
            var missing = Arrays.stream(args).skip(1).filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, java.util.Optional.empty(), java.util.Optional.empty())).toList();
            admin.createTopics(missing).all().get();
        }
    }
}
