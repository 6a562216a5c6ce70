package ai.wevion.auth.team.service;

import ai.wevion.audit.PanacheAuditLog;
import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import ai.wevion.auth.account.repository.UserRepository;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.event.SessionEndReason;
import ai.wevion.auth.session.service.SessionSecrets;
import ai.wevion.auth.session.service.SessionService;
import ai.wevion.auth.team.repository.Invitation;
import ai.wevion.auth.team.repository.InvitationRepository;
import ai.wevion.auth.team.repository.Membership;
import ai.wevion.auth.team.repository.MembershipRepository;
import ai.wevion.auth.team.repository.MembershipRepository.WorkspaceRole;
import ai.wevion.auth.team.service.MembershipRules.Refusal;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Teams: a user belongs to several workspaces with a role in each. Admins list
 * members, change roles, remove members and invite by a one-time link; a
 * role change or a removal ends the member's sessions in that workspace, so
 * every service refuses their JWTs there within a second (session-events).
 * A workspace always keeps an owner ({@link MembershipRules}).
 */
@ApplicationScoped
public class TeamService {

    public record Member(UUID userId, String email, Role role, Instant joinedAt) {
    }

    public record Invited(UUID invitationId, String link, Instant expiresAt) {
    }

    public record Joined(UUID userId, UUID workspaceId, Role role) {
    }

    private final MembershipRepository memberships;
    private final InvitationRepository invitations;
    private final UserRepository users;
    private final AccountService accounts;
    private final SessionService sessions;
    private final PanacheAuditLog audit;
    private final Clock clock;
    private final AuthConfig.Invitations config;

    public TeamService(MembershipRepository memberships, InvitationRepository invitations, UserRepository users, AccountService accounts,
            SessionService sessions, PanacheAuditLog audit, Clock clock, AuthConfig config) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        this.config = config.invitations();
    }

    /** The workspace's members, for its admins and owners. */
    @WithSession
    public Uni<List<Member>> members(Caller caller, UUID workspaceId) {
        caller.requireWorkspace(workspaceId.toString());
        caller.requireAdmin();
        return memberships.members(workspaceId)
                .map(all -> all.stream().map(m -> new Member(m.userId, m.user.email, m.role, m.joinedAt)).toList());
    }

    /** The workspace's members for a backend service (scope members:read). */
    @WithSession
    public Uni<List<Member>> membersForService(UUID workspaceId) {
        return memberships.members(workspaceId)
                .map(all -> all.stream().map(m -> new Member(m.userId, m.user.email, m.role, m.joinedAt)).toList());
    }

    /** The caller's workspaces, each with their role there: what the workspace switcher offers. */
    @WithSession
    public Uni<List<WorkspaceRole>> workspaces(Caller caller) {
        return memberships.workspacesOf(UUID.fromString(caller.userId()));
    }

    /** Sets a member's role; their sessions in the workspace end, as their JWTs carry the old role. */
    @WithTransaction
    public Uni<Member> changeRole(Caller caller, UUID workspaceId, UUID userId, Role role) {
        caller.requireWorkspace(workspaceId.toString());
        return memberships.lockWorkspace(workspaceId).chain(all -> {
            Membership target = find(all, userId);
            if (target.role == role) {
                return Uni.createFrom().item(target);
            }
            require(MembershipRules.changeRole(Role.of(caller.role()), target.role, role, owners(all)));
            String change = target.role.value() + " → " + role.value();
            target.role = role;
            return sessions.endSessionsIn(userId, workspaceId, SessionEndReason.ROLE_CHANGED)
                    .chain(() -> audit.record(caller, "member.role_changed", "user:" + userId, change))
                    .replaceWith(target);
        }).chain(m -> users.findById(m.userId).map(u -> new Member(m.userId, u.email, m.role, m.joinedAt)));
    }

    /** Removes a member (or the caller leaves); their sessions in the workspace end within a second everywhere. */
    @WithTransaction
    public Uni<Void> remove(Caller caller, UUID workspaceId, UUID userId) {
        caller.requireWorkspace(workspaceId.toString());
        boolean self = userId.toString().equals(caller.userId());
        return memberships.lockWorkspace(workspaceId).chain(all -> {
            Membership target = find(all, userId);
            require(MembershipRules.remove(Role.of(caller.role()), target.role, self, owners(all)));
            return memberships.delete(target)
                    .chain(() -> sessions.endSessionsIn(userId, workspaceId, SessionEndReason.MEMBER_REMOVED))
                    .chain(() -> audit.record(caller, self ? "member.left" : "member.removed", "user:" + userId, target.role.value()));
        });
    }

    /** A one-time link for one e-mail address to join the workspace with a role; only its hash is kept. */
    @WithTransaction
    public Uni<Invited> invite(Caller caller, UUID workspaceId, String email, Role role) {
        caller.requireWorkspace(workspaceId.toString());
        require(MembershipRules.invite(Role.of(caller.role()), role));
        String token = SessionSecrets.newSecret();
        Instant now = clock.instant();
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.workspaceId = workspaceId;
        invitation.email = AccountService.normalize(email);
        invitation.role = role;
        invitation.tokenHash = SessionSecrets.hash(token);
        invitation.invitedBy = UUID.fromString(caller.userId());
        invitation.createdAt = now;
        invitation.expiresAt = now.plus(config.lifetime());
        return invitations.persist(invitation)
                .call(i -> audit.record(caller, "invitation.created", "invitation:" + i.id, role.value()))
                .map(i -> new Invited(i.id, config.consoleUrl() + "/invite#token=" + token, i.expiresAt));
    }

    /** The logged-in caller joins with the link sent to their address; the link works once. */
    @WithTransaction
    public Uni<Joined> accept(Caller caller, String token) {
        UUID userId = UUID.fromString(caller.userId());
        return openInvitation(token).chain(invitation -> users.findById(userId).chain(user -> {
            if (!user.email.equals(invitation.email)) {
                throw ApiException.forbidden("This invitation was sent to another e-mail address.");
            }
            return memberships.find(invitation.workspaceId, userId).chain(existing -> {
                if (existing != null) {
                    throw new ApiException(409, "already_a_member", "You are already a member of this workspace.");
                }
                return join(invitation, user)
                        .call(j -> audit.record(caller, "invitation.accepted", "invitation:" + invitation.id, j.role().value()));
            });
        }));
    }

    /** Someone without an account joins with the link: an account for the invited address, with this password. */
    @WithTransaction
    public Uni<Joined> signUpInvited(String token, String password) {
        return openInvitation(token).chain(invitation -> accounts.createInvited(invitation.workspaceId, invitation.email, password,
                invitation.role).chain(user -> {
                    invitation.acceptedAt = clock.instant();
                    invitation.acceptedBy = user.id;
                    return Uni.createFrom().item(new Joined(user.id, invitation.workspaceId, invitation.role));
                }));
    }

    private Uni<Joined> join(Invitation invitation, User user) {
        Instant now = clock.instant();
        invitation.acceptedAt = now;
        invitation.acceptedBy = user.id;
        return memberships.persist(Membership.of(invitation.workspaceId, user.id, invitation.role, now))
                .map(m -> new Joined(user.id, m.workspaceId, m.role));
    }

    /** The invitation behind a link, locked; 404 unknown, 410 used or expired. */
    private Uni<Invitation> openInvitation(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.badRequest("invalid_invitation", "token is required");
        }
        return invitations.lockByTokenHash(SessionSecrets.hash(token)).invoke(invitation -> {
            if (invitation == null) {
                throw ApiException.notFound("Invitation");
            }
            if (invitation.acceptedAt != null) {
                throw new ApiException(410, "invitation_used", "This invitation was already used. Ask an admin for a new one.");
            }
            if (!clock.instant().isBefore(invitation.expiresAt)) {
                throw new ApiException(410, "invitation_expired", "This invitation has expired. Ask an admin for a new one.");
            }
        });
    }

    private static Membership find(List<Membership> all, UUID userId) {
        return all.stream().filter(m -> m.userId.equals(userId)).findFirst().orElseThrow(() -> ApiException.notFound("Member"));
    }

    private static long owners(List<Membership> all) {
        return all.stream().filter(m -> m.role == Role.OWNER).count();
    }

    private static void require(Refusal refusal) {
        switch (refusal) {
            case NONE -> { }
            case NOT_AN_ADMIN -> throw ApiException.forbidden("Only admins and owners can manage members.");
            case OWNERS_ONLY -> throw ApiException.forbidden("Only an owner can make, demote or remove an owner.");
            case LAST_OWNER -> throw new ApiException(409, "last_owner",
                    "A workspace needs an owner: make someone else an owner first.");
        }
    }
}
