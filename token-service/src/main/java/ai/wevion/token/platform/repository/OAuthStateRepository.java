package ai.wevion.token.platform.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Table {@code oauth_state}: the states Connect starts and its callback uses up (the retention job deletes the expired ones, StoreRetention). */
@ApplicationScoped
public class OAuthStateRepository {

    private final Pool pool;

    public OAuthStateRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> add(OAuthState s) {
        return pool.preparedQuery("insert into oauth_state (nonce_hash, workspace_id, user_id, platform, mode, platform_user_id, expires_at) "
                        + "values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.tuple(Arrays.asList(s.nonceHash, s.workspaceId, s.userId, s.platform, s.mode, s.platformUserId,
                        s.expiresAt.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Marks the state used and returns it, or null when unknown, expired or already used. */
    public Uni<OAuthState> consume(String nonceHash, Instant now) {
        return pool.preparedQuery("update oauth_state set used_at = $1 where nonce_hash = $2 and used_at is null and expires_at > $1 "
                        + "returning nonce_hash, workspace_id, user_id, platform, mode, platform_user_id, expires_at, used_at")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), nonceHash))
                .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
    }

    private static OAuthState read(Row r) {
        OAuthState s = new OAuthState();
        s.nonceHash = r.getString("nonce_hash");
        s.workspaceId = r.getUUID("workspace_id");
        s.userId = r.getUUID("user_id");
        s.platform = r.getString("platform");
        s.mode = r.getString("mode");
        s.platformUserId = r.getUUID("platform_user_id");
        s.expiresAt = r.getOffsetDateTime("expires_at").toInstant();
        s.usedAt = r.getOffsetDateTime("used_at").toInstant();
        return s;
    }
}
