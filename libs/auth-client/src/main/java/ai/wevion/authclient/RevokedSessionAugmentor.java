package ai.wevion.authclient;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Refuses a still-unexpired session JWT whose session has ended (logout, forced logout). */
@ApplicationScoped
public class RevokedSessionAugmentor implements SecurityIdentityAugmentor {

    private final RevokedSessions revoked;

    public RevokedSessionAugmentor(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && revoked.isRevoked(jwt.getClaim("sid"))) {
            return Uni.createFrom().failure(new AuthenticationFailedException(new SessionEndedException()));
        }
        return Uni.createFrom().item(identity);
    }

    /** Marks an authentication failure caused by an ended session. */
    public static final class SessionEndedException extends RuntimeException {
        SessionEndedException() {
            super("session ended", null, false, false);
        }
    }
}
