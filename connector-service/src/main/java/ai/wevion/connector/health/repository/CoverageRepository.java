package ai.wevion.connector.health.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Table {@code coverage}: which platform users can read which ad accounts (C6), as their latest token-status says. */
@ApplicationScoped
public class CoverageRepository {

    public Uni<List<UUID>> accountsOf(SqlConnection conn, UUID platformUserId) {
        return conn.preparedQuery("select ad_account_id from coverage where platform_user_id = $1").execute(Tuple.of(platformUserId))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    public Uni<Void> cover(SqlConnection conn, UUID adAccountId, UUID platformUserId) {
        return conn.preparedQuery("insert into coverage (ad_account_id, platform_user_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(adAccountId, platformUserId))
                .replaceWithVoid();
    }

    /** The platform user covers these accounts only (batch re-auth); answers whether it dropped any. */
    public Uni<Boolean> keepOnly(SqlConnection conn, UUID platformUserId, List<UUID> adAccountIds) {
        return conn.preparedQuery("delete from coverage where platform_user_id = $1 and not (ad_account_id = any($2))")
                .execute(Tuple.of(platformUserId, adAccountIds.toArray(UUID[]::new)))
                .map(deleted -> deleted.rowCount() > 0);
    }
}
