package ai.wevion.token.refresh.service;

import ai.wevion.authclient.api.ApiException;
import ai.wevion.token.catalog.Provider;
import ai.wevion.token.catalog.ProviderCatalog;
import ai.wevion.token.crypto.TokenCipher;
import ai.wevion.token.store.TokenStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place a token leaves the service, for a backend API call (T2). A
 * token about to expire is refreshed first: concurrent callers share one
 * refresh in this process, and the database claim keeps other replicas and
 * the sweep out, so one credential is never refreshed twice at once.
 */
@ApplicationScoped
public class CredentialService {

    public record Credential(String accessToken, Instant expiresAt) {
    }

    private final ProviderCatalog catalog;
    private final RefreshService refresh;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Map<UUID, Uni<Boolean>> inFlight = new ConcurrentHashMap<>();

    public CredentialService(ProviderCatalog catalog, RefreshService refresh, TokenCipher cipher, Clock clock) {
        this.catalog = catalog;
        this.refresh = refresh;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<Credential> credential(UUID platformUserId) {
        return catalog.ofPlatformUser(platformUserId).chain(provider -> {
            if (provider == null) {
                throw ApiException.notFound("Credential");
            }
            return provider.store().current(platformUserId).chain(current -> credential(provider, platformUserId, current));
        });
    }

    private Uni<Credential> credential(Provider provider, UUID platformUserId, TokenStore.Current current) {
        requireUsable(current, current != null && current.renewable());
        if (current.expiresAt() == null || current.expiresAt().isAfter(clock.instant().plus(provider.gateway().onDemandWindow()))) {
            return Uni.createFrom().item(decrypt(platformUserId, current)); // null: never expires (Stripe)
        }
        return sharedRefresh(provider, platformUserId).chain(() -> provider.store().current(platformUserId)).map(fresh -> {
            requireUsable(fresh, false);
            return decrypt(platformUserId, fresh);
        });
    }

    private Uni<Boolean> sharedRefresh(Provider provider, UUID id) {
        return inFlight.computeIfAbsent(id, key -> refresh.refreshNow(provider, key, provider.gateway().onDemandWindow())
                .onTermination().invoke(() -> inFlight.remove(key))
                .memoize().indefinitely());
    }

    private Credential decrypt(UUID id, TokenStore.Current current) {
        return new Credential(cipher.decrypt(current.accessCiphertext(), id.toString()), current.expiresAt());
    }

    /** {@code renewable}: an OAuth 2.0 access token past its end is still renewed by its refresh token. */
    private void requireUsable(TokenStore.Current current, boolean renewable) {
        if (current == null) {
            throw ApiException.notFound("Credential");
        }
        if (!current.active() || (!renewable && current.expiresAt() != null && !current.expiresAt().isAfter(clock.instant()))) {
            throw new ApiException(409, "token_expired", "Token expired");
        }
    }
}
