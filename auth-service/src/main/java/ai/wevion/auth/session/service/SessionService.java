package ai.wevion.auth.session.service;

import ai.wevion.auth.event.SessionEndReason;
import ai.wevion.auth.event.SessionEvent;
import ai.wevion.auth.event.SessionEventType;

import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import ai.wevion.auth.account.repository.UserRepository;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.auth.account.service.PasswordHasher;
import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.jwt.AccessTokenIssuer;
import ai.wevion.outbox.Outbox;
import ai.wevion.auth.session.repository.Impersonation;
import ai.wevion.auth.session.repository.ImpersonationRepository;
import ai.wevion.auth.session.repository.Session;
import ai.wevion.auth.session.repository.SessionRepository;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions: login, JWT refresh with sliding and rotation, logout, forced logout, impersonation (A1–A5). */
@ApplicationScoped
public class SessionService {

    private final SessionRepository sessions;
    private final UserRepository users;
    private final ImpersonationRepository impersonations;
    private final PasswordHasher passwords;
    private final LoginThrottleService throttle;
    private final AccessTokenIssuer tokens;
    private final Outbox outbox;
    private final Clock clock;
    private final AuthConfig.Session config;

    public SessionService(SessionRepository sessions, UserRepository users, ImpersonationRepository impersonations,
            PasswordHasher passwords, LoginThrottleService throttle, AccessTokenIssuer tokens, Outbox outbox, Clock clock,
            AuthConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.impersonations = impersonations;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.session();
    }

    /**
     * Same answer and the same bcrypt work for an unknown address and a wrong
     * password. Failures slow down the account from this client address, and
     * the address itself (LoginThrottleService).
     */
    @WithSession
    public Uni<IssuedSession> login(String email, String password, String clientAddress) {
        String key = AccountService.normalize(email);
        String accountKey = key + "|" + clientAddress;
        String addressKey = "address:" + clientAddress;
        return throttle.checkAllowed(accountKey, addressKey)
                .chain(() -> users.findByEmail(key))
                .chain(user -> passwords.matches(password, user == null ? null : user.passwordHash)
                        .chain(matches -> matches
                                ? Panache.withTransaction(() -> throttle.clear(accountKey).chain(() -> open(user)))
                                : Panache.withTransaction(() -> throttle.recordLoginFailure(accountKey, addressKey))
                                        .chain(() -> Uni.createFrom().failure(new ApiException(401, "invalid_credentials",
                                                "The e-mail address or the password is wrong.")))));
    }

    /**
     * A fresh JWT for the session behind this cookie secret (A2), or empty when
     * the session is gone. The usual case only reads. A session older than a day
     * slides to 7 days again and its secret rotates; the old secret works for a
     * short grace (parallel tabs) and after that its use means theft: the
     * session ends. Changes happen under a row lock, so parallel tabs never
     * rotate twice.
     */
    @WithSession
    public Uni<Optional<IssuedSession>> refresh(String cookieSecret) {
        if (cookieSecret == null || cookieSecret.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = SessionSecrets.hash(cookieSecret);
        Instant now = clock.instant();
        return sessions.findBySecretHash(hash).chain(session -> {
            if (session == null || !session.isLive(now)) {
                return Uni.createFrom().item(Optional.empty());
            }
            if (hash.equals(session.secretHash) && !session.mustSlide(now, config.slideAfter())) {
                return Uni.createFrom().item(Optional.of(sign(session, session.user, null)));
            }
            return Panache.withTransaction(() -> sessions.lock(session).chain(locked -> refreshLocked(locked, hash, now)));
        });
    }

    private Uni<Optional<IssuedSession>> refreshLocked(Session session, String hash, Instant now) {
        if (!session.isLive(now)) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!hash.equals(session.secretHash)) {
            boolean withinGrace = hash.equals(session.previousSecretHash) && session.rotatedAt != null
                    && !now.isAfter(session.rotatedAt.plus(config.rotationGrace()));
            return withinGrace
                    ? Uni.createFrom().item(Optional.of(sign(session, session.user, null)))
                    : end(session, now, SessionEventType.SESSION_REVOKED, SessionEndReason.SECRET_REUSED).map(ended -> Optional.empty());
        }
        String newSecret = null;
        if (session.mustSlide(now, config.slideAfter())) {
            newSecret = SessionSecrets.newSecret();
            session.previousSecretHash = session.secretHash;
            session.secretHash = SessionSecrets.hash(newSecret);
            session.rotatedAt = now;
            session.slidAt = now;
            session.expiresAt = now.plus(config.lifetime());
        }
        return Uni.createFrom().item(Optional.of(sign(session, session.user, newSecret)));
    }

    /** Ends the session behind this cookie: every tab's next refresh fails (A3). */
    @WithTransaction
    public Uni<Void> logout(String cookieSecret) {
        if (cookieSecret == null || cookieSecret.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return sessions.findBySecretHash(SessionSecrets.hash(cookieSecret))
                .chain(session -> session == null || session.endedAt != null
                        ? Uni.createFrom().voidItem()
                        : end(session, now, SessionEventType.USER_LOGGED_OUT, SessionEndReason.LOGGED_OUT));
    }

    /** An admin ends every session of a user of their workspace (A4). */
    @WithTransaction
    public Uni<Void> forceLogout(Caller caller, UUID userId) {
        caller.requireAdmin();
        Instant now = clock.instant();
        return userInCallersWorkspace(caller, userId)
                .invoke(user -> requireMayActOn(caller, user))
                .chain(user -> sessions.liveSessionsOf(user.id))
                .chain(live -> endAll(live, now, SessionEndReason.FORCED_LOGOUT));
    }

    /**
     * An admin acts as a user of their workspace (A5): their own session ends,
     * and a non-sliding session for the user starts whose JWTs name the admin.
     */
    @WithTransaction
    public Uni<IssuedSession> impersonate(Caller caller, UUID userId) {
        caller.requireAdmin();
        if (caller.impersonatorId() != null) {
            throw ApiException.forbidden("End the current impersonation first.");
        }
        UUID adminId = UUID.fromString(caller.userId());
        if (adminId.equals(userId)) {
            throw ApiException.badRequest("cannot_impersonate_self", "You cannot impersonate yourself.");
        }
        Instant now = clock.instant();
        return userInCallersWorkspace(caller, userId)
                .invoke(user -> requireMayActOn(caller, user))
                .call(user -> sessions.findById(UUID.fromString(caller.sessionId()))
                        .chain(own -> own == null || own.endedAt != null
                                ? Uni.createFrom().voidItem()
                                : end(own, now, SessionEventType.SESSION_REVOKED, SessionEndReason.IMPERSONATION_STARTED)))
                .chain(user -> {
                    String secret = SessionSecrets.newSecret();
                    return persistSession(user, adminId, config.impersonationLifetime(), secret)
                            .call(session -> audit(session, adminId))
                            .map(session -> sign(session, user, secret));
                });
    }

    @WithSession
    public Uni<List<Impersonation>> impersonations(Caller caller) {
        caller.requireAdmin();
        return impersonations.ofWorkspace(UUID.fromString(caller.workspaceId()));
    }

    private Uni<IssuedSession> open(User user) {
        String secret = SessionSecrets.newSecret();
        return persistSession(user, null, config.lifetime(), secret).map(session -> sign(session, user, secret));
    }

    private Uni<Session> persistSession(User user, UUID impersonatorId, Duration lifetime, String secret) {
        Instant now = clock.instant();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.workspaceId = user.workspaceId;
        session.secretHash = SessionSecrets.hash(secret);
        session.createdAt = now;
        session.slidAt = now;
        session.expiresAt = now.plus(lifetime);
        session.impersonatorId = impersonatorId;
        return sessions.persist(session);
    }

    private IssuedSession sign(Session session, User user, String newSecret) {
        String impersonator = session.impersonatorId == null ? null : session.impersonatorId.toString();
        return new IssuedSession(
                tokens.forSession(user.id.toString(), user.workspaceId.toString(), user.role.value(), session.id.toString(), impersonator),
                session.expiresAt,
                newSecret);
    }

    private Uni<Void> audit(Session session, UUID adminId) {
        Impersonation row = new Impersonation();
        row.id = UUID.randomUUID();
        row.adminId = adminId;
        row.userId = session.userId;
        row.workspaceId = session.workspaceId;
        row.sessionId = session.id;
        row.startedAt = session.createdAt;
        row.until = session.expiresAt;
        return impersonations.persist(row).replaceWithVoid();
    }

    private Uni<Void> end(Session session, Instant now, SessionEventType eventType, SessionEndReason reason) {
        session.end(now, reason.name());
        Uni<Integer> endImpersonation = session.isImpersonation()
                ? impersonations.markEnded(session.id, now)
                : Uni.createFrom().item(0);
        return endImpersonation.chain(() -> outbox.add(SessionEvent.TOPIC, session.userId.toString(),
                SessionEvent.of(eventType, now, session.workspaceId, session.userId, session.id, reason)));
    }

    private Uni<Void> endAll(List<Session> live, Instant now, SessionEndReason reason) {
        return Multi.createFrom().iterable(live)
                .onItem().transformToUniAndConcatenate(s -> end(s, now, SessionEventType.SESSION_REVOKED, reason))
                .collect().last()
                .replaceWithVoid();
    }

    private Uni<User> userInCallersWorkspace(Caller caller, UUID userId) {
        return users.findInWorkspace(userId, UUID.fromString(caller.workspaceId())).invoke(user -> {
            if (user == null) {
                throw ApiException.notFound("User");
            }
        });
    }

    /** An admin may not act on an owner; an owner may act on anyone in the workspace. */
    private static void requireMayActOn(Caller caller, User user) {
        if (user.role == Role.OWNER && !Caller.OWNER.equals(caller.role())) {
            throw ApiException.forbidden("Only an owner can do this to an owner.");
        }
    }
}
