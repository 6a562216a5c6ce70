package ai.wevion.auth.account.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.wevion.auth.TestAuthConfig;
import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import ai.wevion.auth.account.repository.UserRepository;
import ai.wevion.auth.team.repository.Membership;
import ai.wevion.auth.team.repository.MembershipRepository;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may add whom to a workspace (A7), without a database: the users are a
 * map, the caller a JWT's claims. Another workspace answers 404, never the data.
 */
class AccountServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();

    private static Vertx vertx;
    private static PasswordHasher passwords;

    private final Map<String, User> byEmail = new HashMap<>();
    private final Map<UUID, Membership> memberships = new HashMap<>();
    private final AccountService accounts = new AccountService(new InMemoryUsers(), null, new InMemoryMemberships(), passwords,
            new NoAudit(), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void hasher() {
        vertx = Vertx.vertx();
        passwords = new PasswordHasher(vertx, TestAuthConfig.defaults());
    }

    @AfterAll
    static void close() {
        vertx.closeAndAwait();
    }

    @Test
    void anAdminAddsAMemberToTheirWorkspaceUnderANormalizedAddress_A7() {
        User added = accounts.addMember(caller("admin", WORKSPACE), WORKSPACE, "  Bo@Example.COM ", "long enough secret", Role.MEMBER)
                .await().indefinitely();

        assertThat(added.email).isEqualTo("bo@example.com");
        assertThat(added.defaultWorkspaceId).isEqualTo(WORKSPACE);
        assertThat(roleOf(added)).isEqualTo(Role.MEMBER);
        assertThat(added.createdAt).isEqualTo(NOW);
        assertThat(added.passwordHash).startsWith("$2a$").doesNotContain("long enough secret");
        assertThat(passwords.matches("long enough secret", added.passwordHash).await().indefinitely()).isTrue();
    }

    @Test
    void anAdminMayAddAnotherAdminButOnlyAnOwnerAddsAnOwner_A7() {
        assertThat(roleOf(accounts.addMember(caller("admin", WORKSPACE), WORKSPACE, "cy@example.com", "long enough secret", Role.ADMIN)
                .await().indefinitely())).isEqualTo(Role.ADMIN);

        ApiException refused = catchThrowableOfType(() -> accounts.addMember(caller("admin", WORKSPACE), WORKSPACE,
                "di@example.com", "long enough secret", Role.OWNER), ApiException.class);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("forbidden");
        assertThat(refused.getMessage()).isEqualTo("Only an owner can add another owner.");
        assertThat(roleOf(accounts.addMember(caller("owner", WORKSPACE), WORKSPACE, "di@example.com", "long enough secret", Role.OWNER)
                .await().indefinitely())).isEqualTo(Role.OWNER);
    }

    @Test
    void aMemberCannotAddAnyone_A7() {
        ApiException refused = catchThrowableOfType(() -> accounts.addMember(caller("member", WORKSPACE), WORKSPACE,
                "ed@example.com", "long enough secret", Role.MEMBER), ApiException.class);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.error()).isEqualTo("forbidden");
        assertThat(byEmail).isEmpty();
    }

    @Test
    void aCallerFromAnotherWorkspaceGetsNotFound_A7() {
        ApiException refused = catchThrowableOfType(() -> accounts.addMember(caller("owner", UUID.randomUUID()), WORKSPACE,
                "fa@example.com", "long enough secret", Role.MEMBER), ApiException.class);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.error()).isEqualTo("not_found");
        assertThat(byEmail).isEmpty();
    }

    @Test
    void anAddressAlreadyTakenInAnyCaseIsRefused_A7() {
        accounts.addMember(caller("owner", WORKSPACE), WORKSPACE, "gu@example.com", "long enough secret", Role.MEMBER)
                .await().indefinitely();

        ApiException taken = catchThrowableOfType(() -> accounts.addMember(caller("owner", WORKSPACE), WORKSPACE,
                "GU@example.com", "another secret", Role.ADMIN).await().indefinitely(), ApiException.class);

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error()).isEqualTo("email_taken");
    }

    @Test
    void addressesAreComparedTrimmedAndInLowerCaseWhateverTheLocale_A1() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr")); // "I".toLowerCase() is a dotless ı there
            assertThat(AccountService.normalize("  IDA@Example.COM\t")).isEqualTo("ida@example.com");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    /** The caller as auth-client reads it from a verified JWT: {@code sub}, {@code ws}, {@code groups}. */
    private static Caller caller(String role, UUID workspaceId) {
        Map<String, Object> claims = Map.of("sub", UUID.randomUUID().toString(), "ws", workspaceId.toString());
        JsonWebToken jwt = (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(), new Class<?>[] {JsonWebToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getGroups" -> Set.of(role);
                    case "getSubject" -> claims.get("sub");
                    case "getClaim" -> claims.get(String.valueOf(args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new Caller(jwt);
    }

    private Role roleOf(User user) {
        Membership m = memberships.get(user.id);
        assertThat(m.workspaceId).isEqualTo(WORKSPACE);
        return m.role;
    }

    /** The audit log is written in the database transaction; these rules are tested without one. */
    private static final class NoAudit extends ai.wevion.audit.PanacheAuditLog {
        NoAudit() {
            super(null, null);
        }

        @Override
        public Uni<Void> record(Caller caller, String action, String target, String detail) {
            return Uni.createFrom().voidItem();
        }
    }

    private final class InMemoryMemberships extends MembershipRepository {
        @Override
        public Uni<Membership> persist(Membership membership) {
            memberships.put(membership.userId, membership);
            return Uni.createFrom().item(membership);
        }
    }

    /** The repository's reads and writes that AccountService uses, kept in a map. */
    private final class InMemoryUsers extends UserRepository {
        @Override
        public Uni<User> findByEmail(String email) {
            return Uni.createFrom().item(byEmail.get(email));
        }

        @Override
        public Uni<User> persist(User user) {
            byEmail.put(user.email, user);
            return Uni.createFrom().item(user);
        }
    }
}
