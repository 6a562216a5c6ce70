package ai.wevion.authclient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Is this session still live? From the revocation stream while it is current
 * (no network call), and from auth-service ({@link SessionStatus}) while it is
 * not: the broker is down or the consumer lags more than
 * {@code wevion.session-check.max-lag}. The answers of auth-service are shared
 * by concurrent requests for one session (one call in flight per session) and
 * a "live" answer is kept {@code wevion.session-check.live-answer-ttl}; an
 * "ended" answer revokes the session here for good. When neither source can
 * answer, the caller gets 503 and the replica reports not ready: it fails
 * closed, never open.
 */
@ApplicationScoped
public class SessionCheck {

    private static final Logger LOG = Logger.getLogger(SessionCheck.class);

    private final RevokedSessions revoked;
    private final SessionEventsConsumer stream;
    private final SessionStatus authService;
    private final SessionCheckConfig config;
    private final Map<String, Uni<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> liveUntil = new ConcurrentHashMap<>();
    private final AtomicBoolean authServiceAnswering = new AtomicBoolean(true);
    private final AtomicBoolean probing = new AtomicBoolean();

    public SessionCheck(RevokedSessions revoked, SessionEventsConsumer stream, SessionStatus authService, SessionCheckConfig config) {
        this.revoked = revoked;
        this.stream = stream;
        this.authService = authService;
        this.config = config;
    }

    /** Completes if the session is live; fails with {@link SessionEndedException} or {@link SessionCheckUnavailableException}. */
    public Uni<Void> requireLive(String sessionId, String rawJwt, Instant jwtExpiresAt) {
        if (revoked.isRevoked(sessionId)) {
            return Uni.createFrom().failure(new SessionEndedException());
        }
        if (stream.isCurrent(config.maxLag())) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Instant until = liveUntil.get(sessionId);
        if (until != null && now.isBefore(until)) {
            return Uni.createFrom().voidItem();
        }
        if (rawJwt == null) {
            // a stream ticket stands for a JWT this replica does not hold: nothing to ask auth-service with
            return Uni.createFrom().failure(new SessionCheckUnavailableException());
        }
        return inFlight.computeIfAbsent(sessionId, sid -> ask(sid, rawJwt, jwtExpiresAt))
                .chain(live -> live ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new SessionEndedException()));
    }

    /**
     * False while the stream is behind and auth-service does not answer either.
     * Asked by the readiness probe: while auth-service is thought away, each
     * call also checks (in the background, one at a time) whether it answers
     * again — a replica that is not ready gets no requests that would show it.
     */
    public boolean canCheck() {
        if (stream.isCurrent(config.maxLag())) {
            return true;
        }
        if (!authServiceAnswering.get() && probing.compareAndSet(false, true)) {
            authService.reachable()
                    .ifNoItem().after(Duration.ofSeconds(3)).fail()
                    .onTermination().invoke(() -> probing.set(false))
                    .subscribe().with(answers -> {
                        if (!authServiceAnswering.getAndSet(true)) {
                            LOG.infof("session check: auth-service answers again; sessions are checked with it until the revocation "
                                    + "stream is current");
                        }
                    }, e -> LOG.debugf("session check: auth-service still does not answer (%s)", e.getMessage()));
        }
        return authServiceAnswering.get();
    }

    /** Which source answers now: {@code session-events} or {@code auth-service}. */
    public String source() {
        return stream.isCurrent(config.maxLag()) ? "session-events" : "auth-service";
    }

    private Uni<Boolean> ask(String sessionId, String rawJwt, Instant jwtExpiresAt) {
        return authService.isLive(sessionId, rawJwt)
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .invoke(live -> {
                    authServiceAnswering.set(true);
                    if (live) {
                        liveUntil.put(sessionId, Instant.now().plus(config.liveAnswerTtl()));
                    } else {
                        revoked.revoke(sessionId, jwtExpiresAt.plus(Duration.ofMinutes(5)));
                    }
                    liveUntil.values().removeIf(t -> t.isBefore(Instant.now()));
                })
                .onFailure().transform(e -> {
                    if (authServiceAnswering.getAndSet(false)) {
                        LOG.warnf("session check: the revocation stream is behind and auth-service does not answer (%s): "
                                + "refusing session JWTs with 503 until one of them is back", e.getMessage());
                    }
                    return new SessionCheckUnavailableException();
                })
                .onTermination().invoke(() -> inFlight.remove(sessionId))
                .memoize().indefinitely();
    }

    /** The session has ended (logout, forced logout, stolen cookie, impersonation start). */
    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("session ended", null, false, false);
        }
    }

    /** Neither the revocation stream nor auth-service can say whether the session lives. */
    public static final class SessionCheckUnavailableException extends RuntimeException {
        SessionCheckUnavailableException() {
            super("session check unavailable", null, false, false);
        }
    }
}
