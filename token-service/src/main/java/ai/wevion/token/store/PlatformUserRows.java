package ai.wevion.token.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of {@code platform_user} and {@code ad_account} rows, always inside a {@link TokenStore} transaction. */
final class PlatformUserRows {

    private PlatformUserRows() {
    }

    /** The account's id across every platform user covering it (the same in every event, C6). */
    static UUID adAccountId(UUID workspaceId, String platform, String externalId) {
        return UUID.nameUUIDFromBytes((workspaceId + "/" + platform + "/" + externalId).getBytes(StandardCharsets.UTF_8));
    }

    /** The live (not archived) record of this provider account in the workspace, locked; null when there is none. */
    static Uni<UUID> lockLive(SqlConnection conn, UUID workspaceId, String platform, String externalUserId) {
        return conn.preparedQuery("select id from platform_user where workspace_id = $1 and platform = $2 and external_user_id = $3 "
                + "and status <> 'ARCHIVED' for update").execute(Tuple.of(workspaceId, platform, externalUserId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("id") : null);
    }

    /** A fresh grant makes the record green again, under the provider's current name (T5). */
    static Uni<Void> renewed(SqlConnection conn, UUID id, String displayName, Instant now) {
        return conn.preparedQuery("update platform_user set display_name = $2, status = 'ACTIVE', last_refresh_at = $3, "
                + "last_refresh_error = null, updated_at = $3 where id = $1").execute(Tuple.of(id, displayName, Sql.utc(now))).replaceWithVoid();
    }

    static Uni<Void> insert(SqlConnection conn, UUID id, TokenStore.NewGrant grant, Instant now) {
        return conn.preparedQuery("insert into platform_user (id, workspace_id, platform, external_user_id, display_name, connected_by, "
                + "status, last_refresh_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7, $7, $7)")
                .execute(Tuple.from(List.of(id, grant.workspaceId(), grant.platform(), grant.externalUserId(), grant.displayName(),
                        grant.connectedBy(), Sql.utc(now))))
                .replaceWithVoid();
    }

    /** Batch re-auth: the grant's ad accounts replace the record's, keeping each account's id (T7, T9). */
    static Uni<Void> replaceAdAccounts(SqlConnection conn, UUID id, TokenStore.NewGrant grant) {
        Map<String, String> granted = new LinkedHashMap<>();
        grant.adAccounts().forEach(a -> granted.putIfAbsent(a.externalId(), a.name()));
        Uni<Void> removed = conn.preparedQuery("delete from ad_account where platform_user_id = $1 and not (external_id = any($2))")
                .execute(Tuple.tuple().addUUID(id).addArrayOfString(granted.keySet().toArray(String[]::new))).replaceWithVoid();
        if (granted.isEmpty()) {
            return removed;
        }
        List<Tuple> rows = granted.entrySet().stream().map(a -> Tuple.of(UUID.randomUUID(), id,
                adAccountId(grant.workspaceId(), grant.platform(), a.getKey()), a.getKey(), a.getValue())).toList();
        return removed.chain(() -> conn.preparedQuery("insert into ad_account (id, platform_user_id, ad_account_id, external_id, name) "
                + "values ($1, $2, $3, $4, $5) on conflict (platform_user_id, external_id) do update set name = excluded.name")
                .executeBatch(rows).replaceWithVoid());
    }
}
