package ai.wevion.auth.account.rest;

import ai.wevion.auth.account.repository.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and answer bodies of the account endpoints. */
public final class AccountRequests {

    private AccountRequests() {
    }

    public record Signup(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = 72) String password,
            @NotBlank @Size(max = 100) String workspaceName) {
    }

    public record SignedUp(String userId, String workspaceId) {
    }

    public record NewMember(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = 72) String password,
            @NotNull Role role) {
    }

    public record MemberCreated(String userId) {
    }
}
