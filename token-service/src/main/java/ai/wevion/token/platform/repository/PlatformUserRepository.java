package ai.wevion.token.platform.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads {@code platform_user} with its {@code ad_account} rows (TokenStore is their one writer). */
@ApplicationScoped
public class PlatformUserRepository {

    private static final String COLUMNS = "id, workspace_id, platform, external_user_id, display_name, connected_by, status, "
            + "last_refresh_at, last_refresh_error, created_at, updated_at";

    private final Pool pool;

    public PlatformUserRepository(Pool pool) {
        this.pool = pool;
    }

    /** The record, or null when it is not in this workspace (no leaking across workspaces). */
    public Uni<PlatformUser> findInWorkspace(UUID id, UUID workspaceId) {
        return pool.preparedQuery("select " + COLUMNS + " from platform_user where id = $1 and workspace_id = $2")
                .execute(Tuple.of(id, workspaceId))
                .chain(this::withAdAccounts)
                .map(found -> found.isEmpty() ? null : found.get(0));
    }

    /**
     * One page of the workspace's records in the order they were connected,
     * after (createdAt, id) of the previous page's last one (all platforms when
     * {@code platform} is null), with their ad accounts.
     */
    public Uni<List<PlatformUser>> listWorkspace(UUID workspaceId, String platform, Instant afterTime, UUID afterId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from platform_user where workspace_id = $1 and ($2::text is null or platform = $2) "
                        + "and (created_at, id) > ($3, $4) order by created_at, id limit $5")
                .execute(Tuple.tuple(Arrays.asList(workspaceId, platform, after(afterTime), afterId(afterId), limit)))
                .chain(this::withAdAccounts);
    }

    /**
     * One page of every workspace's records in the order they were connected,
     * after (createdAt, id), with their ad accounts: for a consumer that
     * rebuilds its view of them (connector-service's reconciliation).
     */
    public Uni<List<PlatformUser>> listAll(Instant afterTime, UUID afterId, int limit) {
        return pool.preparedQuery("select " + COLUMNS + " from platform_user where (created_at, id) > ($1, $2) order by created_at, id limit $3")
                .execute(Tuple.of(after(afterTime), afterId(afterId), limit))
                .chain(this::withAdAccounts);
    }

    /** How many live (not archived) records the workspace has on each platform. */
    public Uni<Map<String, Long>> countByPlatform(UUID workspaceId) {
        return pool.preparedQuery("select platform, count(*) as n from platform_user where workspace_id = $1 and status <> 'ARCHIVED' "
                        + "group by platform")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(r -> counts.put(r.getString("platform"), r.getLong("n")));
                    return counts;
                });
    }

    /** The rows read, in their order, each with its ad accounts (one more query for the whole page). */
    private Uni<List<PlatformUser>> withAdAccounts(RowSet<Row> rows) {
        Map<UUID, PlatformUser> users = new LinkedHashMap<>();
        rows.forEach(r -> {
            PlatformUser u = read(r);
            users.put(u.id, u);
        });
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select id, platform_user_id, ad_account_id, external_id, name from ad_account "
                        + "where platform_user_id = any($1) order by external_id")
                .execute(Tuple.tuple().addArrayOfUUID(users.keySet().toArray(UUID[]::new)))
                .map(accounts -> {
                    accounts.forEach(r -> {
                        AdAccount a = new AdAccount();
                        a.id = r.getUUID("id");
                        a.platformUserId = r.getUUID("platform_user_id");
                        a.adAccountId = r.getUUID("ad_account_id");
                        a.externalId = r.getString("external_id");
                        a.name = r.getString("name");
                        users.get(a.platformUserId).adAccounts.add(a);
                    });
                    return new ArrayList<>(users.values());
                });
    }

    private static PlatformUser read(Row r) {
        PlatformUser u = new PlatformUser();
        u.id = r.getUUID("id");
        u.workspaceId = r.getUUID("workspace_id");
        u.platform = r.getString("platform");
        u.externalUserId = r.getString("external_user_id");
        u.displayName = r.getString("display_name");
        u.connectedBy = r.getUUID("connected_by");
        u.status = r.getString("status");
        u.lastRefreshAt = instant(r.getOffsetDateTime("last_refresh_at"));
        u.lastRefreshError = r.getString("last_refresh_error");
        u.createdAt = instant(r.getOffsetDateTime("created_at"));
        u.updatedAt = instant(r.getOffsetDateTime("updated_at"));
        return u;
    }

    private static OffsetDateTime after(Instant afterTime) {
        return (afterTime == null ? Instant.EPOCH : afterTime).atOffset(ZoneOffset.UTC);
    }

    private static UUID afterId(UUID afterId) {
        return afterId == null ? new UUID(Long.MIN_VALUE, Long.MIN_VALUE) : afterId;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
