package ai.wevion.auth.session.repository;

import ai.wevion.authclient.SessionStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * auth-service is the source of truth its peers ask when their revocation
 * stream is behind; its own session check, in that case, reads table
 * {@code user_session} (this replaces auth-client's HTTP call to itself).
 */
@ApplicationScoped
public class DatabaseSessionStatus implements SessionStatus {

    private final Pool pool;

    public DatabaseSessionStatus(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Boolean> isLive(String sessionId, String rawJwt) {
        UUID id;
        try {
            id = UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("select 1 from user_session where id = $1 and ended_at is null and expires_at > now()")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() > 0);
    }

    /** Its own database: answering when a query goes through. */
    @Override
    public Uni<Void> reachable() {
        return pool.query("select 1").execute().replaceWithVoid();
    }
}
