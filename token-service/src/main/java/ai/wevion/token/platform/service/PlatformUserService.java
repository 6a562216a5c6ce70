package ai.wevion.token.platform.service;

import ai.wevion.outbox.Outbox;
import ai.wevion.session.Caller;
import ai.wevion.session.api.Page;
import ai.wevion.session.api.Page.Cursor;
import ai.wevion.session.api.ApiException;
import ai.wevion.token.platform.repository.MetaTokenRepository;
import ai.wevion.token.platform.repository.OAuthTokenRepository;
import ai.wevion.token.platform.repository.StoredToken;
import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.repository.PlatformUserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The workspace's platform users: list (never a token), archive, disconnect, app removed (T2, T6). */
@ApplicationScoped
public class PlatformUserService {

    public record Listed(PlatformUser user, StoredToken token) {
    }

    private final PlatformUserRepository users;
    private final MetaTokenRepository tokens;
    private final OAuthTokenRepository oauthTokens;
    private final Outbox outbox;
    private final Clock clock;

    public PlatformUserService(PlatformUserRepository users, MetaTokenRepository tokens, OAuthTokenRepository oauthTokens,
            Outbox outbox, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.oauthTokens = oauthTokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The workspace's records in the order they were connected, a page at a time (T2: never a token in the answer). */
    @WithSession
    public Uni<Page<Listed>> list(Caller caller, String platform, Cursor after, int limit) {
        return users.listWorkspace(UUID.fromString(caller.workspaceId()), platform, after == null ? null : after.time(),
                after == null ? null : after.id(), limit + 1).chain(list -> {
            List<UUID> ids = list.stream().map(u -> u.id).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<Listed>of());
            }
            return tokens.list("platformUserId in ?1", ids).chain(meta -> oauthTokens.list("platformUserId in ?1", ids).map(oauth -> {
                Map<UUID, StoredToken> byUser = new java.util.HashMap<>();
                meta.forEach(t -> byUser.put(t.platformUserId, t));
                oauth.forEach(t -> byUser.put(t.platformUserId, t));
                return list.stream().map(u -> new Listed(u, byUser.get(u.id))).toList();
            }));
        }).map(listed -> Page.of(listed, limit, l -> Cursor.at(l.user().createdAt, l.user().id)));
    }

    /** How many live records the caller's workspace has on each platform. */
    @WithSession
    public Uni<Map<String, Long>> connectedCounts(Caller caller) {
        return users.countByPlatform(UUID.fromString(caller.workspaceId()));
    }

    /** An admin keeps an old record for the record, without its token (T6). */
    @WithTransaction
    public Uni<Void> archive(Caller caller, UUID id) {
        caller.requireAdmin();
        Instant now = clock.instant();
        return ownRecord(caller, id).chain(user -> {
            user.status = PlatformUser.ARCHIVED;
            user.updatedAt = now;
            return tokens.deleteById(user.id).chain(() -> oauthTokens.deleteById(user.id))
                    .chain(() -> outbox.add(TokenStatusEvent.TOPIC, user.id.toString(),
                            TokenStatusEvent.of("PLATFORM_USER_ARCHIVED", now, Views.of(user), null, null)));
        });
    }

    /** Disconnect: the record and its token are removed (cleanup, T6); the connecting user or an admin. */
    @WithTransaction
    public Uni<Void> disconnect(Caller caller, UUID id) {
        Instant now = clock.instant();
        return ownRecord(caller, id).chain(user -> {
            if (!caller.isAdmin() && !user.connectedBy.toString().equals(caller.userId())) {
                throw ApiException.forbidden("Only the user who connected it or an admin can disconnect it.");
            }
            TokenStatusEvent event = TokenStatusEvent.of("PLATFORM_USER_DISCONNECTED", now, Views.of(user), null, null);
            return users.delete(user).chain(() -> outbox.add(TokenStatusEvent.TOPIC, user.id.toString(), event));
        });
    }

    /** A provider's deauthorize callback (Meta, Stripe): every live record of that account expires at once (APP_REMOVED). */
    @WithTransaction
    public Uni<Integer> appRemoved(String platform, String externalUserId) {
        Instant now = clock.instant();
        return users.liveByExternalId(platform, externalUserId).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(user -> expire(user, "APP_REMOVED", now))
                .collect().asList()
                .map(List::size));
    }

    private Uni<Void> expire(PlatformUser user, String reason, Instant now) {
        user.status = PlatformUser.EXPIRED;
        user.lastRefreshError = reason;
        user.updatedAt = now;
        Uni<StoredToken> stored = tokens.findById(user.id).chain(meta -> meta != null
                ? Uni.createFrom().<StoredToken>item(meta) : oauthTokens.findById(user.id).map(t -> (StoredToken) t));
        return stored.chain(token -> {
            Instant expiresAt = token == null ? null : token.expiresAt;
            if (token != null) {
                token.tokenStatus = PlatformUser.EXPIRED;
                token.expiredReason = reason;
                token.updatedAt = now;
            }
            return outbox.add(TokenStatusEvent.TOPIC, user.id.toString(),
                    TokenStatusEvent.of("TOKEN_EXPIRED", now, Views.of(user), expiresAt, reason));
        });
    }

    private Uni<PlatformUser> ownRecord(Caller caller, UUID id) {
        return users.findInWorkspace(id, UUID.fromString(caller.workspaceId())).invoke(user -> {
            if (user == null) {
                throw ApiException.notFound("Platform user");
            }
        });
    }
}
