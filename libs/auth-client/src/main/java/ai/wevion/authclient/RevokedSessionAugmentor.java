package ai.wevion.authclient;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a still-unexpired session JWT whose session has ended (logout,
 * forced logout): 401 {@code session_expired}; and any session JWT while
 * nothing can tell (503 {@code session_check_unavailable}). See {@link SessionCheck}.
 */
@ApplicationScoped
public class RevokedSessionAugmentor implements SecurityIdentityAugmentor {

    private final SessionCheck sessions;

    public RevokedSessionAugmentor(SessionCheck sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getClaim("sid") == null) {
            return Uni.createFrom().item(identity);
        }
        String raw = jwt.getRawToken() == null || jwt.getRawToken().isEmpty() ? null : jwt.getRawToken();
        return sessions.requireLive(jwt.getClaim("sid"), raw, Instant.ofEpochSecond(jwt.getExpirationTime()))
                .replaceWith(identity)
                .onFailure().transform(AuthenticationFailedException::new);
    }
}
