package ai.wevion.auth.client;

import ai.wevion.auth.jwt.AccessTokenIssuer;
import ai.wevion.auth.jwt.AccessTokenIssuer.SignedToken;
import ai.wevion.auth.session.service.LoginThrottleService;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The client-credentials grant with the login's backoff: after 5 wrong
 * secrets for one client id from one address, each further try waits twice
 * as long (429 {@code too_many_attempts} with Retry-After). The key holds
 * the caller's address, so guessing from one pod cannot lock the real
 * service (calling from its own) out.
 */
@ApplicationScoped
public class ServiceTokens {

    private final ServiceClientAuthenticator clients;
    private final AccessTokenIssuer tokens;
    private final LoginThrottleService throttle;

    public ServiceTokens(ServiceClientAuthenticator clients, AccessTokenIssuer tokens, LoginThrottleService throttle) {
        this.clients = clients;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @WithSession
    public Uni<SignedToken> issue(String clientId, String secret, String callerAddress) {
        String key = "client:" + clientId + "@" + callerAddress;
        return throttle.checkAllowed(key).chain(() -> clients.authenticate(clientId, secret)
                .map(client -> Panache.withTransaction(() -> throttle.clear(key))
                        .map(ignored -> tokens.forService(clientId, client.scopes(), client.audiences())))
                .orElseGet(() -> Panache.withTransaction(() -> throttle.recordFailure(key))
                        .chain(() -> Uni.createFrom().failure(new ApiException(401, "invalid_client", "Unknown client or wrong secret.")))));
    }
}
