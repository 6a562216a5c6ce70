package ai.wevion.auth.session.service;

import ai.wevion.auth.event.SessionEndReason;
import ai.wevion.auth.event.SessionEvent;
import ai.wevion.auth.event.SessionEventType;

import ai.wevion.audit.PanacheAuditLog;
import ai.wevion.auth.account.repository.Role;
import ai.wevion.auth.account.repository.User;
import ai.wevion.auth.account.repository.UserRepository;
import ai.wevion.auth.account.service.AccountService;
import ai.wevion.auth.account.service.PasswordHasher;
import ai.wevion.auth.config.AuthConfig;
import ai.wevion.auth.jwt.AccessTokenIssuer;
import ai.wevion.outbox.PanacheOutbox;
import ai.wevion.auth.session.repository.Impersonation;
import ai.wevion.auth.session.repository.ImpersonationRepository;
import ai.wevion.auth.session.repository.Session;
import ai.wevion.auth.session.repository.SessionRepository;
import ai.wevion.auth.team.repository.Membership;
import ai.wevion.auth.team.repository.MembershipRepository;
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
    private final MembershipRepository memberships;
    private final PasswordHasher passwords;
    private final LoginThrottleService throttle;
    private final AccessTokenIssuer tokens;
    private final PanacheOutbox outbox;
    private final PanacheAuditLog audit;
    private final LiveSessions live;
    private final Clock clock;
    private final AuthConfig.Session config;

    public SessionService(SessionRepository sessions, UserRepository users, ImpersonationRepository impersonations,
            MembershipRepository memberships, PasswordHasher passwords, LoginThrottleService throttle, AccessTokenIssuer tokens,
            PanacheOutbox outbox, PanacheAuditLog audit, LiveSessions live, Clock clock, AuthConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.impersonations = impersonations;
        this.memberships = memberships;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.live = live;
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
                                ? Panache.withTransaction(() -> throttle.clear(accountKey).chain(() -> openDefault(user)))
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
    public Uni<Optional<IssuedSession>> refresh(String cookieSecret) {
        if (cookieSecret == null || cookieSecret.isBlank()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String hash = SessionSecrets.hash(cookieSecret);
        Instant now = clock.instant();
        LiveSessions.Live known = live.find(hash, now);
        if (known != null && !known.mustSlide(now, config.slideAfter())) {
            return Uni.createFrom().item(Optional.of(sign(known))); // no database round trip (LiveSessions)
        }
        return Panache.withSession(() -> sessions.findBySecretHash(hash).chain(session -> {
            if (session == null || !session.isLive(now)) {
                return Uni.createFrom().item(Optional.<IssuedSession>empty());
            }
            if (hash.equals(session.secretHash) && !session.mustSlide(now, config.slideAfter())) {
                live.remember(session);
                return Uni.createFrom().item(Optional.of(sign(session, null)));
            }
            return Panache.withTransaction(() -> sessions.lock(session).chain(locked -> refreshLocked(locked, hash, now)));
        }));
    }

    private Uni<Optional<IssuedSession>> refreshLocked(Session session, String hash, Instant now) {
        if (!session.isLive(now)) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (!hash.equals(session.secretHash)) {
            boolean withinGrace = hash.equals(session.previousSecretHash) && session.rotatedAt != null
                    && !now.isAfter(session.rotatedAt.plus(config.rotationGrace()));
            return withinGrace
                    ? Uni.createFrom().item(Optional.of(sign(session, null)))
                    : end(session, now, SessionEventType.SESSION_REVOKED, SessionEndReason.SECRET_REUSED).map(ended -> Optional.empty());
        }
        String newSecret = null;
        if (session.mustSlide(now, config.slideAfter())) {
            live.forget(session);
            newSecret = SessionSecrets.newSecret();
            session.previousSecretHash = session.secretHash;
            session.secretHash = SessionSecrets.hash(newSecret);
            session.rotatedAt = now;
            session.slidAt = now;
            session.expiresAt = now.plus(config.lifetime());
        }
        return Uni.createFrom().item(Optional.of(sign(session, newSecret)));
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

    /** An admin ends every session a user of their workspace has there (A4). */
    @WithTransaction
    public Uni<Void> forceLogout(Caller caller, UUID userId) {
        caller.requireAdmin();
        return memberInCallersWorkspace(caller, userId)
                .invoke(member -> requireMayActOn(caller, member))
                .chain(member -> endSessionsIn(member.userId, member.workspaceId, SessionEndReason.FORCED_LOGOUT))
                .chain(() -> audit.record(caller, "session.forced_logout", "user:" + userId, null));
    }

    /**
     * Within the caller's transaction: ends every live session the user has in
     * the workspace; every service refuses their JWTs within a second
     * (session-events). A removal or a role change calls it.
     */
    public Uni<Void> endSessionsIn(UUID userId, UUID workspaceId, SessionEndReason reason) {
        return sessions.liveSessionsOf(userId, workspaceId).chain(live -> endAll(live, clock.instant(), reason));
    }

    /**
     * The browser's session moves to another of the user's workspaces: it ends
     * (its JWTs with it), and a new one opens there, which later logins open
     * too. 403 when the user is not a member; impersonation stays where it is.
     */
    @WithTransaction
    public Uni<IssuedSession> switchWorkspace(String cookieSecret, UUID workspaceId) {
        Instant now = clock.instant();
        Uni<Session> current = cookieSecret == null || cookieSecret.isBlank() ? Uni.createFrom().nullItem()
                : sessions.findBySecretHash(SessionSecrets.hash(cookieSecret));
        return current.chain(session -> {
            if (session == null || !session.isLive(now)) {
                throw new ApiException(401, "session_expired", "Your session has ended. Log in again.");
            }
            if (session.isImpersonation()) {
                throw ApiException.forbidden("End the impersonation before you change workspace.");
            }
            return memberships.find(workspaceId, session.userId).chain(member -> {
                if (member == null) {
                    throw ApiException.forbidden("You are not a member of this workspace.");
                }
                return end(session, now, SessionEventType.SESSION_REVOKED, SessionEndReason.WORKSPACE_SWITCHED)
                        .chain(() -> users.findById(session.userId))
                        .invoke(user -> user.defaultWorkspaceId = workspaceId)
                        .chain(user -> open(member));
            });
        });
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
        return memberInCallersWorkspace(caller, userId)
                .invoke(member -> requireMayActOn(caller, member))
                .call(member -> sessions.findById(UUID.fromString(caller.sessionId()))
                        .chain(own -> own == null || own.endedAt != null
                                ? Uni.createFrom().voidItem()
                                : end(own, now, SessionEventType.SESSION_REVOKED, SessionEndReason.IMPERSONATION_STARTED)))
                .chain(member -> {
                    String secret = SessionSecrets.newSecret();
                    return persistSession(member, adminId, config.impersonationLifetime(), secret)
                            .call(session -> recordImpersonation(session, adminId))
                            .call(session -> audit.record(caller, "impersonation.started", "user:" + member.userId, null))
                            .map(session -> sign(session, secret));
                });
    }

    @WithSession
    public Uni<List<Impersonation>> impersonations(Caller caller) {
        caller.requireAdmin();
        return impersonations.ofWorkspace(UUID.fromString(caller.workspaceId()));
    }

    /** A login opens the workspace the user chose last, or else the first of theirs; 403 when they belong to none. */
    private Uni<IssuedSession> openDefault(User user) {
        return memberships.find(user.defaultWorkspaceId, user.id)
                .chain(m -> m != null ? Uni.createFrom().item(m) : memberships.workspacesOf(user.id).chain(all -> all.isEmpty()
                        ? Uni.createFrom().<Membership>nullItem() : memberships.find(all.get(0).workspaceId(), user.id)))
                .chain(member -> {
                    if (member == null) {
                        throw new ApiException(403, "no_workspace", "You no longer belong to any workspace. Ask an admin for an invitation.");
                    }
                    return open(member);
                });
    }

    private Uni<IssuedSession> open(Membership member) {
        String secret = SessionSecrets.newSecret();
        return persistSession(member, null, config.lifetime(), secret).map(session -> sign(session, secret));
    }

    private Uni<Session> persistSession(Membership member, UUID impersonatorId, Duration lifetime, String secret) {
        Instant now = clock.instant();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = member.userId;
        session.workspaceId = member.workspaceId;
        session.role = member.role;
        session.secretHash = SessionSecrets.hash(secret);
        session.createdAt = now;
        session.slidAt = now;
        session.expiresAt = now.plus(lifetime);
        session.impersonatorId = impersonatorId;
        return sessions.persist(session);
    }

    private IssuedSession sign(LiveSessions.Live known) {
        return new IssuedSession(tokens.forSession(known.userId().toString(), known.workspaceId().toString(), known.role().value(),
                known.sessionId().toString(), known.impersonatorId() == null ? null : known.impersonatorId().toString()),
                known.expiresAt(), null);
    }

    private IssuedSession sign(Session session, String newSecret) {
        String impersonator = session.impersonatorId == null ? null : session.impersonatorId.toString();
        return new IssuedSession(
                tokens.forSession(session.userId.toString(), session.workspaceId.toString(), session.role.value(), session.id.toString(),
                        impersonator),
                session.expiresAt,
                newSecret);
    }

    private Uni<Void> recordImpersonation(Session session, UUID adminId) {
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
        live.forget(session);
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

    private Uni<Membership> memberInCallersWorkspace(Caller caller, UUID userId) {
        return memberships.find(UUID.fromString(caller.workspaceId()), userId).invoke(member -> {
            if (member == null) {
                throw ApiException.notFound("User");
            }
        });
    }

    /** An admin may not act on an owner; an owner may act on anyone in the workspace. */
    private static void requireMayActOn(Caller caller, Membership member) {
        if (member.role == Role.OWNER && !Caller.OWNER.equals(caller.role())) {
            throw ApiException.forbidden("Only an owner can do this to an owner.");
        }
    }
}
