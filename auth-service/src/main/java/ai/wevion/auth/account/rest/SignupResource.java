package ai.wevion.auth.account.rest;

import ai.wevion.auth.account.rest.AccountRequests.SignedUp;
import ai.wevion.auth.account.rest.AccountRequests.Signup;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.session.service.ClientAddressRules;
import ai.wevion.auth.session.service.LoginThrottleService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;

/** A new workspace and its owner; the same answer for an address that is already registered (no enumeration). */
@Path("/api/v1/auth/signup")
@PermitAll
public class SignupResource {

    private final AccountService accounts;
    private final LoginThrottleService throttle;
    private final List<String> trustedProxies;

    public SignupResource(AccountService accounts, LoginThrottleService throttle, AuthConfig config) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.trustedProxies = config.login().trustedProxies();
    }

    @POST
    @ResponseStatus(201)
    public Uni<SignedUp> signup(@Valid @NotNull Signup request, HttpServerRequest http) {
        String client = ClientAddressRules.clientAddress(http.remoteAddress().hostAddress(), http.getHeader("X-Forwarded-For"),
                trustedProxies);
        return throttle.countSignup(client)
                .chain(() -> accounts.signup(request.email(), request.password(), request.workspaceName()))
                .map(s -> new SignedUp(s.userId().toString(), s.workspaceId().toString()));
    }
}
