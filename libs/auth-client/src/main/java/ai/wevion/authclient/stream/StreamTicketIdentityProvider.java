package ai.wevion.authclient.stream;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Turns a redeemed ticket back into the session JWT it stands for, so that
 * roles, {@code Caller} and the revoked-session check work on a stream exactly
 * as on any call.
 */
@ApplicationScoped
public class StreamTicketIdentityProvider implements IdentityProvider<StreamTicketRequest> {

    private final StreamTickets tickets;

    public StreamTicketIdentityProvider(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Class<StreamTicketRequest> getRequestType() {
        return StreamTicketRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(StreamTicketRequest request, AuthenticationRequestContext context) {
        return tickets.redeem(request.ticket(), request.path()).map(claims -> {
            if (claims.isEmpty()) {
                throw new AuthenticationFailedException(new InvalidTicketException());
            }
            try {
                DefaultJWTCallerPrincipal jwt = new DefaultJWTCallerPrincipal("", "JWT", JwtClaims.parse(claims.get().encode()));
                return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(jwt.getGroups()).build();
            } catch (InvalidJwtException e) {
                throw new AuthenticationFailedException(new InvalidTicketException());
            }
        });
    }

    /** Marks an authentication failure caused by an unknown, used or expired stream ticket. */
    public static final class InvalidTicketException extends RuntimeException {
        InvalidTicketException() {
            super("invalid stream ticket", null, false, false);
        }
    }
}
