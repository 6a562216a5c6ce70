package ai.wevion.authclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "wevion.session-check")
public interface SessionCheckConfig {

    /** Topic where auth-service announces ended sessions. */
    @WithDefault("session-events")
    String topic();

    /** Kafka brokers; the service's own {@code kafka.bootstrap.servers} by default. */
    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /**
     * How far back a starting replica reads the topic: a session JWT lives one
     * hour, so any revocation older than that no longer matters.
     */
    @WithDefault("PT65M")
    Duration lookback();
}
