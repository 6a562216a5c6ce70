package ai.wevion.auth.team.rest;

import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.team.service.TeamService;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Request and answer bodies of the team endpoints. */
public final class TeamRequests {

    private TeamRequests() {
    }

    public record MemberView(String userId, String email, String role, Instant joinedAt) {
        static MemberView of(TeamService.Member m) {
            return new MemberView(m.userId().toString(), m.email(), m.role().value(), m.joinedAt());
        }
    }

    public record RoleChange(@NotNull Role role) {
    }

    public record NewInvitation(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {
    }

    /** The link goes to the invited person by the admin's own channel; it works once, until {@code expiresAt}. */
    public record InvitationView(String invitationId, String link, Instant expiresAt) {
    }

    public record Acceptance(@NotBlank @Size(max = 200) String token) {
    }

    public record InvitedSignup(@NotBlank @Size(max = 200) String token, @NotNull @Size(min = 8, max = 72) String password) {
    }

    public record JoinedView(String userId, String workspaceId, String role) {
        static JoinedView of(TeamService.Joined j) {
            return new JoinedView(j.userId().toString(), j.workspaceId().toString(), j.role().value());
        }
    }

    public record WorkspaceView(String workspaceId, String name, String role, boolean current) {
    }
}
