package ai.wevion.authclient;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions that ended while JWTs issued for them may still be unexpired. */
@ApplicationScoped
public class RevokedSessions {

    private final Map<String, Instant> revokedUntil = new ConcurrentHashMap<>();
    // what to do when a session ends: its open live streams end with it
    private final Map<String, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    public void revoke(String sessionId, Instant forgetAfter) {
        revokedUntil.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
        Set<Runnable> waiting = watchers.remove(sessionId);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code onEnd} once when this session ends (at once if it already
     * has); the answer stops watching.
     */
    public Runnable watch(String sessionId, Runnable onEnd) {
        if (sessionId == null) {
            return () -> { };
        }
        watchers.computeIfAbsent(sessionId, k -> ConcurrentHashMap.newKeySet()).add(onEnd);
        if (isRevoked(sessionId) && watchers.getOrDefault(sessionId, Set.of()).remove(onEnd)) {
            onEnd.run();
        }
        return () -> watchers.computeIfPresent(sessionId, (k, set) -> {
            set.remove(onEnd);
            return set.isEmpty() ? null : set;
        });
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
