package ai.wevion.authclient;

import io.smallrye.mutiny.Uni;

/**
 * The source of truth on whether a session is still live, asked when the
 * revocation stream is behind (broker down, consumer lagging): auth-service.
 * Answers true (live), false (ended), or fails (cannot tell).
 */
public interface SessionStatus {

    Uni<Boolean> isLive(String sessionId, String rawJwt);

    /**
     * Completes if auth-service answers at all (whatever it says), fails if it
     * does not: how a replica that is not ready (so gets no requests to ask
     * with) learns that auth-service is back.
     */
    Uni<Void> reachable();
}
