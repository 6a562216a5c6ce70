package ai.wevion.auth.account.rest;

import ai.wevion.auth.account.rest.AccountRequests.SignedUp;
import ai.wevion.auth.account.rest.AccountRequests.Signup;
import ai.wevion.auth.account.service.AccountService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.ResponseStatus;

@Path("/api/v1/auth/signup")
@PermitAll
public class SignupResource {

    private final AccountService accounts;

    public SignupResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @ResponseStatus(201)
    public Uni<SignedUp> signup(@Valid @NotNull Signup request) {
        return accounts.signup(request.email(), request.password(), request.workspaceName())
                .map(user -> new SignedUp(user.id.toString(), user.defaultWorkspaceId.toString()));
    }
}
