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

    /**
     * How far behind the revocation stream may be before sessions are checked
     * with auth-service instead (broker down, consumer lagging).
     */
    @WithDefault("PT0.75S")
    Duration maxLag();

    /**
     * After the stream was behind, how long it must be current again before
     * it is trusted: what auth-service committed meanwhile reaches the broker
     * when its outbox relay next succeeds — at worst a send still out when the
     * broker came back fails after its delivery timeout (5 s; it was 10 s when
     * this was sized), and the retry comes at most 5 s later. The fault soak
     * found 6 s too short: a logout 7 s after the broker's return was accepted
     * for a second (issue 16).
     */
    @WithDefault("PT16S")
    Duration settle();

    /** How often the consumer asks the broker whether it has read everything. */
    @WithDefault("PT0.2S")
    Duration currentCheckEvery();

    /** How long auth-service's "live" answer for a session is reused while the stream is behind. */
    @WithDefault("PT0.2S")
    Duration liveAnswerTtl();
}
