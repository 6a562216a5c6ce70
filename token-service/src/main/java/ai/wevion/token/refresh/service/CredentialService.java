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

    /** Refresh on demand only a token this close to expiry; the sweep handles the rest. */
    static final Duration ON_DEMAND = Duration.ofHours(1);

    public record Credential(String accessToken, Instant expiresAt) {
    }

    private final MetaTokenStore store;
    private final RefreshService refresh;
    private final TokenCipher cipher;
    private final Clock clock;
    private final Map<UUID, Uni<Boolean>> inFlight = new ConcurrentHashMap<>();

    public CredentialService(MetaTokenStore store, RefreshService refresh, TokenCipher cipher, Clock clock) {
        this.store = store;
        this.refresh = refresh;
        this.cipher = cipher;
        this.clock = clock;
    }

    public Uni<Credential> credential(UUID platformUserId) {
        return store.current(platformUserId).chain(row -> {
            requireUsable(row);
            if (MetaTokenStore.instant(row, "expires_at").isAfter(clock.instant().plus(ON_DEMAND))) {
                return Uni.createFrom().item(decrypt(platformUserId, row));
            }
            return sharedRefresh(platformUserId).chain(() -> store.current(platformUserId)).map(fresh -> {
                requireUsable(fresh);
                return decrypt(platformUserId, fresh);
            });
        });
    }

    private Uni<Boolean> sharedRefresh(UUID id) {
        return inFlight.computeIfAbsent(id, key -> refresh.refreshNow(key, ON_DEMAND)
                .onTermination().invoke(() -> inFlight.remove(key))
                .memoize().indefinitely());
    }

    private Credential decrypt(UUID id, Row row) {
        return new Credential(cipher.decrypt(row.getString("access_token"), id.toString()), MetaTokenStore.instant(row, "expires_at"));
    }

    private void requireUsable(Row row) {
        if (row == null) {
            throw ApiException.notFound("Credential");
        }
        if (!"ACTIVE".equals(row.getString("token_status")) || !MetaTokenStore.instant(row, "expires_at").isAfter(clock.instant())) {
            throw new ApiException(409, "token_expired", "Token expired");
        }
    }
}
