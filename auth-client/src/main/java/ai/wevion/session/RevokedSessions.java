package ai.wevion.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions that ended while JWTs issued for them may still be unexpired. */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();

    public void revoke(String sessionId, Instant forgetAfter) {
        revokedUntil.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isRevoked(String sessionId) {
        return sessionId != null && revokedUntil.containsKey(sessionId);
    }

    /** Drops entries whose JWTs have all expired anyway. */
    public void forgetExpired(Instant now) {
        revokedUntil.values().removeIf(until -> until.isBefore(now));
    }

    public int size() {
        return revokedUntil.size();
    }
}
