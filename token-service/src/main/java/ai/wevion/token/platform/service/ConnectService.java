package ai.wevion.token.platform.service;

import ai.wevion.outbox.Outbox;
import ai.wevion.session.Caller;
import ai.wevion.session.api.ApiException;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.config.TokenConfig.OAuthProvider;
import ai.wevion.token.meta.MetaClient;
import ai.wevion.token.provider.Grant;
import ai.wevion.token.provider.Granted;
import ai.wevion.token.provider.Granted.Identity;
import ai.wevion.token.provider.OAuth2Client;
import ai.wevion.token.provider.ProviderCatalog;
import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.platform.repository.AdAccount;
import ai.wevion.token.platform.repository.MetaToken;
import ai.wevion.token.platform.repository.MetaTokenRepository;
import ai.wevion.token.platform.repository.OAuthToken;
import ai.wevion.token.platform.repository.OAuthTokenRepository;
import ai.wevion.token.platform.repository.StoredToken;
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
 * Connect and reconnect (T1, T5, T7, T10): a signed single-use state, then
 * for Meta code → short-lived token → long-lived token, for a standard OAuth
 * 2.0 provider code (+ PKCE verifier) → access and refresh tokens; identity
 * and ad accounts from the provider, and the record stored with its event in
 * one transaction. The same provider account updates its record in place;
 * another account gets a new record.
 */
@ApplicationScoped
public class ConnectService {

    public static final String CONNECT = "connect";
    public static final String RECONNECT = "reconnect";

    public record Authorization(String authorizeUrl, String state) {
    }

    public record ConnectResult(String platformUserId, String externalUserId, String outcome, String status) {
    }

    private record Fetched(String accessToken, String refreshToken, Instant expiresAt, Instant dataAccessExpiresAt,
            Instant refreshExpiresAt, Identity identity, List<Granted.AdAccount> adAccounts) {
    }

    private final PlatformUserRepository users;
    private final MetaTokenRepository tokens;
    private final OAuthTokenRepository oauthTokens;
    private final OAuthStateRepository states;
    private final OAuthStateSigner signer;
    private final MetaClient meta;
    private final OAuth2Client oauth;
    private final ProviderCatalog catalog;
    private final TokenCipher cipher;
    private final Outbox outbox;
    private final Clock clock;
    private final TokenConfig config;

    public ConnectService(PlatformUserRepository users, MetaTokenRepository tokens, OAuthTokenRepository oauthTokens,
            OAuthStateRepository states, OAuthStateSigner signer, MetaClient meta, OAuth2Client oauth, ProviderCatalog catalog,
            TokenCipher cipher, Outbox outbox, Clock clock, TokenConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.oauthTokens = oauthTokens;
        this.states = states;
        this.signer = signer;
        this.meta = meta;
        this.oauth = oauth;
        this.catalog = catalog;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public Uni<Authorization> authorize(Caller caller, String platform, String mode, UUID platformUserId) {
        catalog.requireAvailable(platform);
        if (catalog.oauth(platform).filter(p -> p.grant() != Grant.AUTHORIZATION_CODE).isPresent()) {
            throw ApiException.badRequest("wrong_flow", catalog.displayName(platform)
                    + " connects with the account's own API credentials: POST them to /api/v1/connect/" + platform + "/credentials.");
        }
        if (catalog.adminOnly(platform)) {
            caller.requireAdmin();
        }
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
        })).map(saved -> new Authorization(authorizeUrl(platform, issued.state(), RECONNECT.equals(mode)), issued.state()));
    }

    private String authorizeUrl(String platform, String state, boolean reconnect) {
        return catalog.oauth(platform)
                .map(p -> oauth.authorizeUrl(p, state, OAuthStateSigner.codeChallenge(signer.codeVerifier(state))))
                .orElseGet(() -> meta.authorizeUrl(state, reconnect));
    }

    /** The provider's redirect, in the browser that asked for it ({@code browserBinding}: its cookie). */
    public Uni<ConnectResult> callback(String platform, String code, String state, String browserBinding) {
        catalog.requireAvailable(platform);
        String nonceHash = signer.verify(state).orElseThrow(ConnectService::invalidState);
        if (!signer.bindsBrowser(state, browserBinding)) {
            throw new ApiException(400, "invalid_state", "This connection was started in another browser. Start it again here.");
        }
        return Panache.withTransaction(() -> states.consume(nonceHash, clock.instant()))
                .invoke(binding -> {
                    if (binding == null || !binding.platform.equals(platform)) {
                        throw invalidState();
                    }
                })
                .chain(binding -> fetch(platform, code, state)
                        .chain(fetched -> Panache.withTransaction(() -> store(binding, fetched))));
    }

    /**
     * Taboola and Outbrain: the account's own API credentials (client id and
     * secret, or username and password) are exchanged for a token at once and
     * kept encrypted, since every renewal needs them again.
     */
    public Uni<ConnectResult> connectWithCredentials(Caller caller, String platform, String login, String secret) {
        catalog.requireAvailable(platform);
        OAuthProvider provider = catalog.oauth(platform).filter(p -> p.grant() != Grant.AUTHORIZATION_CODE)
                .orElseThrow(() -> ApiException.badRequest("wrong_flow", catalog.displayName(platform)
                        + " connects through its consent screen: start at /api/v1/connect/" + platform + "/authorize."));
        if (provider.adminOnly()) {
            caller.requireAdmin();
        }
        OAuthState binding = new OAuthState(); // not stored: no redirect to survive
        binding.workspaceId = UUID.fromString(caller.workspaceId());
        binding.userId = UUID.fromString(caller.userId());
        binding.platform = platform;
        binding.mode = CONNECT;
        Uni<Fetched> fetched = oauth.credentialsGrant(provider, login, secret)
                .chain(tokens -> oauth.adAccounts(provider, tokens.accessToken()).map(accounts -> new Fetched(tokens.accessToken(),
                        secret, after(tokens.expiresInSeconds()), null, null,
                        new Identity(login, accounts.size() == 1 ? accounts.get(0).name() : login), accounts)));
        return classified(platform, fetched).chain(f -> Panache.withTransaction(() -> store(binding, f)));
    }

    private Uni<Fetched> fetch(String platform, String code, String state) {
        return classified(platform, catalog.oauth(platform)
                .map(p -> fetchOAuth2(p, code, signer.codeVerifier(state)))
                .orElseGet(() -> fetchMeta(code)));
    }

    private Uni<Fetched> classified(String platform, Uni<Fetched> fetched) {
        String name = catalog.displayName(platform);
        return fetched.onFailure(ProviderFailure.Exception.class).transform(e -> {
            ProviderFailure failure = ((ProviderFailure.Exception) e).failure();
            return failure.isPermanent()
                    ? new ApiException(400, "authorization_failed", name + " refused the authorization (" + failure.reason()
                            + "). Try connecting again.")
                    : new ApiException(503, "provider_unavailable", name + " is not answering right now. Try again in a minute.");
        });
    }

    private Uni<Fetched> fetchOAuth2(OAuthProvider p, String code, String verifier) {
        return oauth.exchangeCode(p, code, verifier)
                .chain(tokens -> oauth.identity(p, tokens.accessToken())
                        .chain(identity -> oauth.adAccounts(p, tokens.accessToken())
                                .map(accounts -> new Fetched(tokens.accessToken(), tokens.refreshToken(),
                                        after(tokens.expiresInSeconds()), null, after(tokens.refreshExpiresInSeconds()), identity,
                                        accounts))));
    }

    private Instant after(Long seconds) {
        return seconds == null ? null : clock.instant().plusSeconds(seconds);
    }

    private Uni<Fetched> fetchMeta(String code) {
        return meta.exchangeCode(code)
                .chain(shortLived -> meta.exchangeForLongLived(shortLived.accessToken()))
                .chain(longLived -> meta.me(longLived.accessToken())
                        .chain(identity -> meta.adAccounts(longLived.accessToken())
                                .chain(accounts -> meta.dataAccessExpiresAt(longLived.accessToken())
                                        .map(dataAccess -> new Fetched(longLived.accessToken(), null,
                                                clock.instant().plusSeconds(longLived.expiresInSeconds()), dataAccess, null, identity,
                                                accounts)))));
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
        String id = user.id.toString();
        String access = cipher.encrypt(fetched.accessToken(), id);
        String refresh = fetched.refreshToken() == null ? null : cipher.encrypt(fetched.refreshToken(), id);
        if (catalog.oauth(user.platform).isPresent()) {
            Uni<OAuthToken> found = inPlace ? oauthTokens.findById(user.id) : Uni.createFrom().nullItem();
            return found.chain(existing -> {
                OAuthToken token = existing != null ? existing : new OAuthToken();
                renew(token, user, access, refresh, fetched, now);
                return oauthTokens.persist(token).replaceWithVoid();
            });
        }
        Uni<MetaToken> found = inPlace ? tokens.findById(user.id) : Uni.createFrom().nullItem();
        return found.chain(existing -> {
            MetaToken token = existing != null ? existing : new MetaToken();
            renew(token, user, access, refresh, fetched, now);
            return tokens.persist(token).replaceWithVoid();
        });
    }

    private static void renew(StoredToken token, PlatformUser user, String access, String refresh, Fetched fetched, Instant now) {
        token.platformUserId = user.id;
        token.renew(access, refresh, fetched.expiresAt(), now);
        token.dataAccessExpiresAt = fetched.dataAccessExpiresAt();
        token.refreshExpiresAt = fetched.refreshExpiresAt();
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
    private static void syncAdAccounts(PlatformUser user, List<Granted.AdAccount> accounts) {
        Map<String, Granted.AdAccount> granted = accounts.stream()
                .collect(Collectors.toMap(Granted.AdAccount::externalId, Function.identity(), (a, b) -> a));
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
