package ai.wevion.connector.health.service;

import ai.wevion.session.api.Page;
import ai.wevion.session.api.Page.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads of the view, always within one workspace. */
@ApplicationScoped
public class HealthQueries {

    /**
     * A token the refresh job should already have renewed: it refreshes within
     * 7 days of expiry every 12 hours, so less than 6 days left means it did not.
     */
    static final Duration STALE_WHEN_LESS_THAN = Duration.ofDays(6);

    public record PlatformUserRow(String platformUserId, String platform, String displayName, String status, String reason,
            Instant expiresAt, Instant lastRefreshAt, boolean stale) {
    }

    public record AdAccountRow(String adAccountId, String platform, String externalId, String name, boolean gateOpen,
            List<String> coveredBy, Instant lastSyncedAt) {
    }

    private final Pool pool;
    private final Clock clock;

    public HealthQueries(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<List<PlatformUserRow>> platformUsers(UUID workspaceId) {
        Instant staleBefore = clock.instant().plus(STALE_WHEN_LESS_THAN);
        return pool.preparedQuery("select id, platform, display_name, status, reason, expires_at, last_refresh_at "
                + "from platform_user where workspace_id = $1 and status <> 'ARCHIVED' order by platform, display_name")
                .execute(Tuple.of(workspaceId))
                .map(rows -> {
                    List<PlatformUserRow> list = new ArrayList<>();
                    for (Row r : rows) {
                        Instant expiresAt = instant(r.getOffsetDateTime("expires_at"));
                        boolean stale = !"ACTIVE".equals(r.getString("status")) || (expiresAt != null && expiresAt.isBefore(staleBefore));
                        list.add(new PlatformUserRow(r.getUUID("id").toString(), r.getString("platform"), r.getString("display_name"),
                                r.getString("status"), r.getString("reason"), expiresAt, instant(r.getOffsetDateTime("last_refresh_at")),
                                stale));
                    }
                    return list;
                });
    }

    /** Ad accounts by name, {@code limit} at a time after the cursor (name, id) of the previous page. */
    public Uni<Page<AdAccountRow>> adAccounts(UUID workspaceId, String platform, Cursor after, int limit) {
        return pool.preparedQuery("""
                select a.id, a.platform, a.external_id, a.name, a.gate_open, a.last_synced_at,
                       coalesce(array_agg(c.platform_user_id) filter (where c.platform_user_id is not null), '{}') as covered_by
                from ad_account a left join coverage c on c.ad_account_id = a.id
                where a.workspace_id = $1 and ($2::text is null or a.platform = $2)
                  and ($3::text is null or (a.name, a.id) > ($3, $4::uuid))
                group by a.id order by a.name, a.id limit $5""")
                .execute(Tuple.tuple(java.util.Arrays.asList(workspaceId, platform, after == null ? null : after.key(),
                        after == null ? null : after.id(), limit + 1)))
                .map(rows -> {
                    List<AdAccountRow> list = new ArrayList<>();
                    for (Row r : rows) {
                        List<String> covered = new ArrayList<>();
                        for (UUID id : r.getArrayOfUUIDs("covered_by")) {
                            covered.add(id.toString());
                        }
                        list.add(new AdAccountRow(r.getUUID("id").toString(), r.getString("platform"), r.getString("external_id"),
                                r.getString("name"), r.getBoolean("gate_open"), covered, instant(r.getOffsetDateTime("last_synced_at"))));
                    }
                    return Page.of(list, limit, a -> new Cursor(a.name(), UUID.fromString(a.adAccountId())));
                });
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
