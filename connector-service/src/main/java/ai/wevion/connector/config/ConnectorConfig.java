package ai.wevion.connector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "connector")
public interface ConnectorConfig {

    Sync sync();

    Reconcile reconcile();

    Tracing tracing();

    /** Which requests start a trace (TraceSampling, docs/operations.md, Traces). */
    interface Tracing {
        /** Share of the gate checks that arrive with no trace of their own that are traced: thousands a second (C5), so 0.1 is plenty to see their shape. */
        @WithDefault("0.1")
        double gateSampleRatio();
    }

    /** Rebuilding the projection from token-service's state (a lost or expired event never leaves a card wrong for ever). */
    interface Reconcile {
        /** When it runs on its own; "off" disables the schedule (it still runs at start with no state and after lost events). */
        @WithDefault("0 17 3 * * ?")
        String cron();

        /** Off: never reconciles (this module's tests, which run without token-service). */
        @WithDefault("true")
        boolean enabled();

        /** Changes committed this long before token-service read a state are in it (its transactions are shorter). */
        @WithDefault("PT5S")
        Duration margin();

        /** This service's client secret at auth-service (the OIDC client sends it); required, so a replica without it does not start. */
        String clientSecret();

        /** Records per page asked of token-service. */
        @WithDefault("200")
        int pageSize();
    }

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
