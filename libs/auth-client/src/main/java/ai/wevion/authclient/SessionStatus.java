package ai.wevion.authclient;

import io.smallrye.mutiny.Uni;

/**
 * The source of truth on whether a session is still live, asked when the
 * revocation stream is behind (broker down, consumer lagging): auth-service.
 * Answers true (live), false (ended), or fails (cannot tell).
 */
public interface SessionStatus {

    Uni<Boolean> isLive(String sessionId, String rawJwt);
}
