package ai.wevion.authclient.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Browser streams (EventSource): one-time tickets and the heartbeat. */
@ConfigMapping(prefix = "wevion.streams")
public interface StreamConfig {

    /**
     * Whether this service accepts stream tickets; only a service that has the
     * {@code stream_ticket} table and a stream turns it on.
     */
    @WithDefault("false")
    boolean ticketsEnabled();

    /** How long a ticket can wait to be used: long enough to open an EventSource, too short to leak usefully. */
    @WithDefault("PT30S")
    Duration ticketTtl();

    /**
     * How often an idle stream sends a comment line, so that a gateway's or
     * browser's idle timeout never cuts it (gateways here wait 3,600 s).
     */
    @WithDefault("PT15S")
    Duration heartbeat();
}
