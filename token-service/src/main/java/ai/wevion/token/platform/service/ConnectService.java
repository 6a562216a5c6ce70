package ai.wevion.token.platform.service;

import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.catalog.Provider;
import ai.wevion.token.catalog.ProviderCatalog;
import ai.wevion.token.config.TokenConfig;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.platform.repository.OAuthState;
import ai.wevion.token.platform.repository.OAuthStateRepository;
import ai.wevion.token.platform.repository.PlatformUserRepository;
import ai.wevion.token.provider.Authorized;
import ai.wevion.token.provider.ProviderFailure;
import ai.wevion.token.store.TokenStore;
import ai.wevion.token.store.TokenStore.NewGrant;
import ai.wevion.token.store.TokenStore.Sealed;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/**
 * Connect and reconnect (T1, T5, T7, T10): a signed single-use state, the
 * provider's grant through its gateway, and the record stored with its event
 * in one transaction by the platform's token store. The same provider account
 * updates its record in place; another account gets a new record.
 */
@ApplicationScoped
public class ConnectService {

    public static final String RECONNECT = "reconnect";

    public record Authorization(String authorizeUrl, String state) {
    }

    public record ConnectResult(String platformUserId, String externalUserId, TokenStore.Outcome outcome, String status) {
    }

    /** Who connects, for which workspace, and why: the stored state of a consent, or the caller of a credentials form. */
    private record Binding(UUID workspaceId, UUID userId, boolean reconnect) {
    }

    private final PlatformUserRepository users;
    private final OAuthStateRepository states;
    private final OAuthStateSigner signer;
    private final ProviderCatalog catalog;
    private final TokenCipher cipher;
    private final Clock clock;
    private final TokenConfig config;

    public ConnectService(PlatformUserRepository users, OAuthStateRepository states, OAuthStateSigner signer, ProviderCatalog catalog,
            TokenCipher cipher, Clock clock, TokenConfig config) {
        this.users = users;
        this.states = states;
        this.signer = signer;
        this.catalog = catalog;
        this.cipher = cipher;
        this.clock = clock;
        this.config = config;
    }

    public Uni<Authorization> authorize(Caller caller, String platform, String mode, UUID platformUserId) {
        Provider provider = catalog.require(platform);
        OAuthStateSigner.Issued issued = signer.issue();
        String url = provider.gateway().authorizeUrl(issued.state(), OAuthStateSigner.codeChallenge(signer.codeVerifier(issued.state())),
                RECONNECT.equals(mode));
        if (provider.gateway().adminOnly()) {
            caller.requireAdmin();
        }
        UUID workspaceId = UUID.fromString(caller.workspaceId());
        return requireOwnRecord(platformUserId, workspaceId).chain(() -> {
            OAuthState state = new OAuthState();
            state.nonceHash = issued.nonceHash();
            state.workspaceId = workspaceId;
            state.userId = UUID.fromString(caller.userId());
            state.platform = platform;
            state.mode = mode;
            state.platformUserId = platformUserId;
            state.expiresAt = clock.instant().plus(config.state().ttl());
            return states.add(state);
        }).map(added -> new Authorization(url, issued.state()));
    }

    /** The provider's redirect, in the browser that asked for it ({@code browserBinding}: its cookie). */
    public Uni<ConnectResult> callback(String platform, String code, String state, String browserBinding) {
        Provider provider = catalog.require(platform);
        String nonceHash = signer.verify(state).orElseThrow(ConnectService::invalidState);
        if (!signer.bindsBrowser(state, browserBinding)) {
            throw new ApiException(400, "invalid_state", "This connection was started in another browser. Start it again here.");
        }
        return states.consume(nonceHash, clock.instant())
                .map(stored -> {
                    if (stored == null || !stored.platform.equals(platform)) {
                        throw invalidState();
                    }
                    return new Binding(stored.workspaceId, stored.userId, RECONNECT.equals(stored.mode));
                })
                .chain(binding -> classified(provider, provider.gateway().authorize(code, signer.codeVerifier(state)))
                        .chain(authorized -> store(provider, binding, authorized)));
    }

    /**
     * Taboola and Outbrain: the account's own API credentials (client id and
     * secret, or username and password) are exchanged for a token at once and
     * kept encrypted, since every renewal needs them again.
     */
    public Uni<ConnectResult> connectWithCredentials(Caller caller, String platform, String login, String secret) {
        Provider provider = catalog.require(platform);
        Uni<Authorized> authorized = provider.gateway().signIn(login, secret);
        if (provider.gateway().adminOnly()) {
            caller.requireAdmin();
        }
        Binding binding = new Binding(UUID.fromString(caller.workspaceId()), UUID.fromString(caller.userId()), false);
        return classified(provider, authorized).chain(a -> store(provider, binding, a));
    }

    private static Uni<Authorized> classified(Provider provider, Uni<Authorized> authorized) {
        String name = provider.gateway().displayName();
        return authorized.onFailure(ProviderFailure.Exception.class).transform(e -> {
            ProviderFailure failure = ((ProviderFailure.Exception) e).failure();
            return failure.isPermanent()
                    ? new ApiException(400, "authorization_failed", name + " refused the authorization (" + failure.reason()
                            + "). Try connecting again.")
                    : new ApiException(503, "provider_unavailable", name + " is not answering right now. Try again in a minute.");
        });
    }

    private Uni<ConnectResult> store(Provider provider, Binding binding, Authorized a) {
        NewGrant grant = new NewGrant(binding.workspaceId(), binding.userId(), provider.platform(), binding.reconnect(), a.identity().id(),
                a.identity().name(), a.expiresAt(), a.dataAccessExpiresAt(), a.refreshExpiresAt(),
                a.adAccounts().stream().map(acc -> new TokenStore.Account(acc.externalId(), acc.name())).toList());
        return provider.store().connected(grant, id -> new Sealed(cipher.encrypt(a.accessToken(), id.toString()),
                        a.refreshToken() == null ? null : cipher.encrypt(a.refreshToken(), id.toString())), clock.instant())
                .map(c -> new ConnectResult(c.platformUserId().toString(), c.externalUserId(), c.outcome(), "ACTIVE"));
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
