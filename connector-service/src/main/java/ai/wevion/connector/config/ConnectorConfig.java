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

        /** Per platform, how far back its reporting API serves data (C7). */
        java.util.Map<String, Duration> retention();

        default Duration retention(String platform) {
            return retention().getOrDefault(platform, defaultRetention());
        }
    }
}
