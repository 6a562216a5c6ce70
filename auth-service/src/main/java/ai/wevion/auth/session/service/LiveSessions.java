package ai.wevion.auth.session.service;

import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.session.repository.Session;
import ai.wevion.authclient.RevokedSessions;
import ai.wevion.authclient.SessionCheckConfig;
import ai.wevion.authclient.SessionEventsConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions this replica answered lately, by cookie hash, so that a
 * JWT refresh needs no database round trip (A2). Only what the fast path
 * reads, and only while a session is not due to slide: a slide, a rotation
 * and the stolen-secret check always take the database and the row lock, so
 * an entry another replica made stale is never used for them. An entry is
 * dropped when this replica ends the session, and ignored once the
 * revocation stream (session-events, every replica) says it ended — and
 * whenever that stream is behind, as the session check does (fail closed:
 * then every refresh reads the database). Bounded in size.
 */
@ApplicationScoped
public class LiveSessions {

    /** What a refresh signs from. */
    public record Live(UUID sessionId, String secretHash, UUID userId, UUID workspaceId, Role role, UUID impersonatorId,
            Instant slidAt, Instant expiresAt) {

        static Live of(Session s) {
            return new Live(s.id, s.secretHash, s.userId, s.workspaceId, s.role, s.impersonatorId, s.slidAt, s.expiresAt);
        }

        boolean mustSlide(Instant now, Duration slideAfter) {
            return impersonatorId == null && Duration.between(slidAt, now).compareTo(slideAfter) > 0;
        }
    }

    private final Map<String, Live> byHash = new ConcurrentHashMap<>();
    private final RevokedSessions revoked;
    private final SessionEventsConsumer stream;
    private final Duration maxLag;
    private final int maxEntries;
    private volatile Instant nextSweep = Instant.MIN;

    public LiveSessions(RevokedSessions revoked, SessionEventsConsumer stream, SessionCheckConfig config, AuthConfig auth) {
        this.revoked = revoked;
        this.stream = stream;
        this.maxLag = config.maxLag();
        this.maxEntries = auth.session().cachedSessions();
    }

    /** The live session behind this cookie hash, when this replica may answer without the database; null otherwise. */
    public Live find(String secretHash, Instant now) {
        Live live = byHash.get(secretHash);
        if (live == null) {
            return null;
        }
        if (!now.isBefore(live.expiresAt()) || revoked.isRevoked(live.sessionId().toString())) {
            byHash.remove(secretHash, live);
            return null;
        }
        return stream.isCurrent(maxLag) ? live : null;
    }

    /** A session the database just showed live under its current secret. */
    public void remember(Session session) {
        if (byHash.size() >= maxEntries) {
            Instant now = Instant.now();
            if (now.isBefore(nextSweep)) {
                return; // full, and swept less than a second ago: a sweep reads every entry, so not on every request
            }
            nextSweep = now.plusSeconds(1);
            byHash.values().removeIf(l -> !now.isBefore(l.expiresAt()) || revoked.isRevoked(l.sessionId().toString()));
            if (byHash.size() >= maxEntries) {
                return; // full of live sessions: the others keep reading the database
            }
        }
        byHash.put(session.secretHash, Live.of(session));
    }

    /** The session ended or its secret rotated here: neither hash answers from memory any more. */
    public void forget(Session session) {
        byHash.remove(session.secretHash);
        if (session.previousSecretHash != null) {
            byHash.remove(session.previousSecretHash);
        }
    }

    int size() {
        return byHash.size();
    }
}
