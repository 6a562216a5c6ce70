package ai.wevion.authclient.stream;

import ai.wevion.authclient.RevokedSessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every browser stream needs around its own events: a heartbeat comment
 * at a fixed interval (idle timeouts of gateways and browsers), and an
 * {@code end} event, then the end of the stream, as soon as the session ends
 * (logout in any tab, forced logout: A3, A4) or the JWT behind it expires.
 */
@ApplicationScoped
public class LiveStreams {

    public static final String END = "end";

    private final RevokedSessions revoked;
    private final StreamConfig config;

    public LiveStreams(RevokedSessions revoked, StreamConfig config) {
        this.revoked = revoked;
        this.config = config;
    }

    /** {@code events} for as long as the caller's session and JWT last, with heartbeats in between. */
    public Multi<OutboundSseEvent> forSession(JsonWebToken jwt, Sse sse, Multi<OutboundSseEvent> events) {
        long heartbeatMillis = config.heartbeat().toMillis();
        long millisLeft = Math.max(0, jwt.getExpirationTime() * 1000 - Instant.now().toEpochMilli());
        return Multi.createFrom().emitter(emitter -> {
            // events, heartbeats and the end come from different threads: one at a time, nothing after the end
            Object lock = new Object();
            boolean[] ended = {false};
            Consumer<OutboundSseEvent> send = event -> {
                synchronized (lock) {
                    if (!ended[0]) {
                        emitter.emit(event);
                    }
                }
            };
            Consumer<StreamEnd> end = why -> {
                synchronized (lock) {
                    if (!ended[0]) {
                        ended[0] = true;
                        emitter.emit(sse.newEventBuilder().name(END).mediaType(MediaType.APPLICATION_JSON_TYPE)
                                .data(Map.of("reason", why.reason())).build());
                        emitter.complete();
                    }
                }
            };
            Cancellable own = events.subscribe().with(send, emitter::fail, emitter::complete);
            ScheduledFuture<?> beats = Infrastructure.getDefaultWorkerPool().scheduleAtFixedRate(
                    () -> send.accept(sse.newEventBuilder().comment("keep-alive").build()),
                    heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> expiry = Infrastructure.getDefaultWorkerPool().schedule(
                    () -> end.accept(StreamEnd.TOKEN_EXPIRED), millisLeft, TimeUnit.MILLISECONDS);
            Runnable unwatch = revoked.watch(jwt.getClaim("sid"), () -> end.accept(StreamEnd.LOGGED_OUT));
            emitter.onTermination(() -> {
                own.cancel();
                beats.cancel(false);
                expiry.cancel(false);
                unwatch.run();
            });
        });
    }
}
