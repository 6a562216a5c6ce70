package ai.wevion.token.refresh.service;

import ai.wevion.session.api.ApiException;
import ai.wevion.token.crypto.TokenCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
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

    /** Refresh on demand only a Meta token this close to expiry; the sweep handles the rest. */
    static final Duration ON_DEMAND = Duration.ofHours(1);
    /** An OAuth 2.0 access token lives about an hour: refreshed on demand in its last minutes. */
    static final Duration OAUTH_ON_DEMAND = Duration.ofMinutes(5);

    public record Credential(String accessToken, Instant expiresAt) {
    }

    private final MetaTokenStore metaStore;
    private final OAuthTokenStore oauthStore;
    private final RefreshService refresh;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Map<UUID, Uni<Boolean>> inFlight = new ConcurrentHashMap<>();

    public CredentialService(MetaTokenStore metaStore, OAuthTokenStore oauthStore, RefreshService refresh, TokenCipher cipher,
            Clock clock) {
        this.metaStore = metaStore;
        this.oauthStore = oauthStore;
        this.refresh = refresh;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<Credential> credential(UUID platformUserId) {
        return metaStore.current(platformUserId).chain(row -> row != null
                ? credential(metaStore, ON_DEMAND, platformUserId, row)
                : oauthStore.current(platformUserId).chain(oauthRow -> credential(oauthStore, OAUTH_ON_DEMAND, platformUserId, oauthRow)));
    }

    private Uni<Credential> credential(TokenStore store, Duration onDemand, UUID platformUserId, Row row) {
        requireUsable(row, store == oauthStore);
        Instant expiresAt = TokenStore.instant(row, "expires_at");
        if (expiresAt == null || expiresAt.isAfter(clock.instant().plus(onDemand))) { // null: never expires (Stripe)
            return Uni.createFrom().item(decrypt(platformUserId, row));
        }
        return sharedRefresh(store, onDemand, platformUserId).chain(() -> store.current(platformUserId)).map(fresh -> {
            requireUsable(fresh, false);
            return decrypt(platformUserId, fresh);
        });
    }

    private Uni<Boolean> sharedRefresh(TokenStore store, Duration onDemand, UUID id) {
        return inFlight.computeIfAbsent(id, key -> refresh.refreshNow(store, key, onDemand)
                .onTermination().invoke(() -> inFlight.remove(key))
                .memoize().indefinitely());
    }

    private Credential decrypt(UUID id, Row row) {
        return new Credential(cipher.decrypt(row.getString("access_token"), id.toString()), TokenStore.instant(row, "expires_at"));
    }

    /** {@code refreshable}: an OAuth 2.0 access token past its end is still renewed by its refresh token. */
    private void requireUsable(Row row, boolean refreshable) {
        if (row == null) {
            throw ApiException.notFound("Credential");
        }
        Instant expiresAt = TokenStore.instant(row, "expires_at");
        if (!"ACTIVE".equals(row.getString("token_status"))
                || (!refreshable && expiresAt != null && !expiresAt.isAfter(clock.instant()))) {
            throw new ApiException(409, "token_expired", "Token expired");
        }
    }
}
