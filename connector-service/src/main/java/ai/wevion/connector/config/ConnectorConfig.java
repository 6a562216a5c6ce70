package ai.wevion.connector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "connector")
public interface ConnectorConfig {

    Sync sync();

    interface Sync {
        /** Every healthy ad account syncs this often (C1). */
        @WithDefault("PT15M")
        Duration interval();

        /** How often the scheduler looks for accounts due a sync; "off" disables it. */
        @WithDefault("30s")
        String every();

        /** How far back a backfill may reach when the platform sets nothing: Meta keeps most insights 13 months (C7). */
        @WithDefault("P395D")
        Duration defaultRetention();

        /** A sync request still pending this long answers a Force sync again instead of a second request (C8). */
        @WithDefault("PT15M")
        Duration forcedPending();

        /** At most this many Force syncs per workspace per minute: each burns the provider's API quota (C8). */
        @WithDefault("30")
        int forcedPerMinute();

        /** Per platform, how far back its reporting API serves data (C7). */
        java.util.Map<String, Duration> retention();

        default Duration retention(String platform) {
            return retention().getOrDefault(platform, defaultRetention());
        }
    }
}
