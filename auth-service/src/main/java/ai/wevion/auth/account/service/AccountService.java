package ai.wevion.auth.account.service;

import ai.wevion.audit.PanacheAuditLog;
import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import ai.wevion.auth.account.repository.UserRepository;
import ai.wevion.auth.account.repository.Workspace;
import ai.wevion.auth.account.repository.WorkspaceRepository;
import ai.wevion.auth.team.repository.Membership;
import ai.wevion.auth.team.repository.MembershipRepository;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class AccountService {

    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final PasswordHasher passwords;
    private final PanacheAuditLog audit;
    private final Clock clock;

    public AccountService(UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships,
            PasswordHasher passwords, PanacheAuditLog audit, Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a signup answers: the new user and their workspace. */
    public record SignedUp(UUID userId, UUID workspaceId) {
    }

    /**
     * Creates a workspace with this user as its owner. An address that
     * already has an account gets the same answer, after the same work (the
     * password is hashed either way), and nothing is created: signup does not
     * tell who is registered. The owner of that address logs in with their
     * own password as before.
     */
    @WithTransaction
    public Uni<SignedUp> signup(String email, String password, String workspaceName) {
        return passwords.hash(password).chain(hash -> users.findByEmail(normalize(email)).chain(existing -> {
            Workspace workspace = new Workspace();
            workspace.id = UUID.randomUUID();
            workspace.name = workspaceName.strip();
            workspace.createdAt = clock.instant();
            if (existing != null) {
                return Uni.createFrom().item(new SignedUp(UUID.randomUUID(), workspace.id));
            }
            return workspaces.persist(workspace).chain(() -> persistUser(workspace.id, email, hash, Role.OWNER))
                    .map(user -> new SignedUp(user.id, workspace.id));
        }));
    }

    /** Creates an account for a new person in the caller's workspace; only an owner may add another owner (someone with an account is invited). */
    @WithTransaction
    public Uni<User> addMember(Caller caller, UUID workspaceId, String email, String password, Role role) {
        caller.requireWorkspace(workspaceId.toString());
        caller.requireAdmin();
        if (role == Role.OWNER && !Caller.OWNER.equals(caller.role())) {
            throw ApiException.forbidden("Only an owner can add another owner.");
        }
        return requireFreeEmail(email).chain(() -> createUser(workspaceId, email, password, role))
                .call(user -> audit.record(caller, "member.added", "user:" + user.id, role.value()));
    }

    /**
     * Within the caller's transaction: an account for the address an
     * invitation was sent to, a member of its workspace only.
     */
    public Uni<User> createInvited(UUID workspaceId, String email, String password, Role role) {
        return requireFreeEmail(email).chain(() -> createUser(workspaceId, email, password, role));
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private Uni<Void> requireFreeEmail(String email) {
        return users.findByEmail(normalize(email)).invoke(existing -> {
            if (existing != null) {
                throw new ApiException(409, "email_taken", "An account with this e-mail address already exists.");
            }
        }).replaceWithVoid();
    }

    private Uni<User> createUser(UUID workspaceId, String email, String password, Role role) {
        return passwords.hash(password).chain(hash -> persistUser(workspaceId, email, hash, role));
    }

    private Uni<User> persistUser(UUID workspaceId, String email, String passwordHash, Role role) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.defaultWorkspaceId = workspaceId;
        user.email = normalize(email);
        user.passwordHash = passwordHash;
        user.createdAt = clock.instant();
        return users.persist(user).call(u -> memberships.persist(Membership.of(workspaceId, u.id, role, u.createdAt)));
    }
}
