package ai.wevion.token.platform.service;

import ai.wevion.outbox.Outbox;
import ai.wevion.session.Caller;
import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.meta.MetaClient;
import ai.wevion.token.meta.MetaClient.AdAccountInfo;
import ai.wevion.token.meta.MetaClient.Identity;
import ai.wevion.token.meta.ProviderFailure;
import ai.wevion.token.platform.repository.AdAccount;
import ai.wevion.token.platform.repository.MetaToken;
import ai.wevion.token.platform.repository.MetaTokenRepository;
import ai.wevion.token.platform.repository.OAuthState;
import ai.wevion.token.platform.repository.OAuthStateRepository;
import ai.wevion.token.platform.repository.PlatformUser;
import ai.wevion.token.platform.repository.PlatformUserRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Connect and reconnect (T1, T5, T10): a signed single-use state, then code →
 * short-lived token → long-lived token, identity and ad accounts from Meta, and
 * the record stored with its event in one transaction. The same Facebook
 * account updates its record in place; another account gets a new record.
 */
@ApplicationScoped
public class ConnectService {

    public static final String CONNECT = "connect";
    public static final String RECONNECT = "reconnect";

    public record Authorization(String authorizeUrl, String state) {
    }

    public record ConnectResult(String platformUserId, String externalUserId, String outcome, String status) {
    }

    private record Fetched(String accessToken, Instant expiresAt, Instant dataAccessExpiresAt, Identity identity,
            List<AdAccountInfo> adAccounts) {
    }

    private final PlatformUserRepository users;
    private final MetaTokenRepository tokens;
    private final OAuthStateRepository states;
    private final OAuthStateSigner signer;
    private final MetaClient meta;
    private final TokenCipher cipher;
    private final Outbox outbox;
    private final Clock clock;
    private final TokenConfig config;

    public ConnectService(PlatformUserRepository users, MetaTokenRepository tokens, OAuthStateRepository states,
            OAuthStateSigner signer, MetaClient meta, TokenCipher cipher, Outbox outbox, Clock clock, TokenConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.states = states;
        this.signer = signer;
        this.meta = meta;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public Uni<Authorization> authorize(Caller caller, String platform, String mode, UUID platformUserId) {
        Platforms.requireAvailable(platform);
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        OAuthStateSigner.Issued issued = signer.issue();
        return Panache.withTransaction(() -> requireOwnRecord(platformUserId, workspaceId).chain(() -> {
            OAuthState state = new OAuthState();
            state.nonceHash = issued.nonceHash();
            state.workspaceId = workspaceId;
            state.userId = UUID.fromString(caller.userId());
            state.platform = platform;
            state.mode = mode;
            state.platformUserId = platformUserId;
            state.expiresAt = clock.instant().plus(config.state().ttl());
            return states.persist(state);
        })).map(saved -> new Authorization(meta.authorizeUrl(issued.state(), RECONNECT.equals(mode)), issued.state()));
    }

    public Uni<ConnectResult> callback(String platform, String code, String state) {
        Platforms.requireAvailable(platform);
        String nonceHash = signer.verify(state).orElseThrow(ConnectService::invalidState);
        return Panache.withTransaction(() -> states.consume(nonceHash, clock.instant()))
                .invoke(binding -> {
                    if (binding == null || !binding.platform.equals(platform)) {
                        throw invalidState();
                    }
                })
                .chain(binding -> fetch(code).chain(fetched -> Panache.withTransaction(() -> store(binding, fetched))));
    }

    private Uni<Fetched> fetch(String code) {
        return meta.exchangeCode(code)
                .chain(shortLived -> meta.exchangeForLongLived(shortLived.accessToken()))
                .chain(longLived -> meta.me(longLived.accessToken())
                        .chain(identity -> meta.adAccounts(longLived.accessToken())
                                .chain(accounts -> meta.dataAccessExpiresAt(longLived.accessToken())
                                        .map(dataAccess -> new Fetched(longLived.accessToken(),
                                                clock.instant().plusSeconds(longLived.expiresInSeconds()), dataAccess, identity,
                                                accounts)))))
                .onFailure(ProviderFailure.Exception.class).transform(e -> {
                    ProviderFailure failure = ((ProviderFailure.Exception) e).failure();
                    return failure.isPermanent()
                            ? new ApiException(400, "authorization_failed", "Meta refused the authorization (" + failure.reason()
                                    + "). Try connecting again.")
                            : new ApiException(503, "provider_unavailable", "Meta is not answering right now. Try again in a minute.");
                });
    }

    private Uni<ConnectResult> store(OAuthState binding, Fetched fetched) {
        Instant now = clock.instant();
        return users.findLive(binding.workspaceId, binding.platform, fetched.identity().id()).chain(existing -> {
            boolean inPlace = existing != null;
            PlatformUser user = inPlace ? existing : newUser(binding, fetched, now);
            user.displayName = fetched.identity().name();
            user.status = PlatformUser.ACTIVE;
            user.lastRefreshAt = now;
            user.lastRefreshError = null;
            user.updatedAt = now;
            syncAdAccounts(user, fetched.adAccounts());
            String outcome = inPlace ? "RECONNECTED" : RECONNECT.equals(binding.mode) ? "NEW_USER_CREATED" : "CONNECTED";
            String eventType = inPlace ? "TOKEN_RECONNECTED" : "TOKEN_CONNECTED";
            return users.persist(user)
                    .chain(saved -> storeToken(saved, fetched, now, inPlace))
                    .chain(() -> outbox.add(TokenStatusEvent.TOPIC, user.id.toString(),
                            TokenStatusEvent.of(eventType, now, Views.of(user), fetched.expiresAt(), null)))
                    .map(done -> new ConnectResult(user.id.toString(), user.externalUserId, outcome, user.status));
        });
    }

    private Uni<Void> storeToken(PlatformUser user, Fetched fetched, Instant now, boolean inPlace) {
        Uni<MetaToken> found = inPlace ? tokens.findById(user.id) : Uni.createFrom().nullItem();
        return found.chain(existing -> {
            MetaToken token = existing != null ? existing : new MetaToken();
            token.platformUserId = user.id;
            token.accessToken = cipher.encrypt(fetched.accessToken(), user.id.toString());
            token.expiresAt = fetched.expiresAt();
            token.dataAccessExpiresAt = fetched.dataAccessExpiresAt();
            token.tokenStatus = PlatformUser.ACTIVE;
            token.expiredReason = null;
            token.attempts = 0;
            token.nextAttemptAt = null;
            token.claimedUntil = null;
            token.claimedBy = null;
            token.expiringNotifiedAt = null;
            token.updatedAt = now;
            return tokens.persist(token).replaceWithVoid();
        });
    }

    private static PlatformUser newUser(OAuthState binding, Fetched fetched, Instant now) {
        PlatformUser user = new PlatformUser();
        user.id = UUID.randomUUID();
        user.workspaceId = binding.workspaceId;
        user.platform = binding.platform;
        user.externalUserId = fetched.identity().id();
        user.connectedBy = binding.userId;
        user.createdAt = now;
        return user;
    }

    /** Batch re-auth: the grant's ad accounts replace the record's (T7, T9). */
    private static void syncAdAccounts(PlatformUser user, List<AdAccountInfo> accounts) {
        Map<String, AdAccountInfo> granted = accounts.stream()
                .collect(Collectors.toMap(AdAccountInfo::externalId, Function.identity(), (a, b) -> a));
        user.adAccounts.removeIf(a -> !granted.containsKey(a.externalId));
        Map<String, AdAccount> kept = user.adAccounts.stream().collect(Collectors.toMap(a -> a.externalId, Function.identity()));
        granted.values().forEach(info -> {
            AdAccount account = kept.get(info.externalId());
            if (account == null) {
                account = new AdAccount();
                account.id = UUID.randomUUID();
                account.platformUserId = user.id;
                account.adAccountId = AdAccount.idFor(user.workspaceId, user.platform, info.externalId());
                account.externalId = info.externalId();
                user.adAccounts.add(account);
            }
            account.name = info.name();
        });
    }

    private Uni<Void> requireOwnRecord(UUID platformUserId, UUID workspaceId) {
        if (platformUserId == null) {
            return Uni.createFrom().voidItem();
        }
        return users.findInWorkspace(platformUserId, workspaceId).invoke(found -> {
            if (found == null) {
                throw ApiException.notFound("Platform user");
            }
        }).replaceWithVoid();
    }

    private static ApiException invalidState() {
        return ApiException.badRequest("invalid_state", "This sign-in link is not valid any more. Start Connect again.");
    }
}
