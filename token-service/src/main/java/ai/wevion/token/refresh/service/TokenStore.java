package ai.wevion.token.refresh.service;

import ai.wevion.outbox.Outbox;
import ai.wevion.token.platform.service.TokenStatusEvent;
import ai.wevion.token.platform.service.TokenStatusEvent.AdAccountRef;
import ai.wevion.token.platform.service.TokenStatusEvent.PlatformUserView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The refresh job's SQL on one token table ({@code meta_token} or
 * {@code oauth_token}, which share their columns): claims with {@code FOR UPDATE SKIP
 * LOCKED} and a lease (so that any number of replicas refresh each token once),
 * and each outcome written with its event in one transaction. An outcome is
 * written only while its claim still holds (a reconnect in between wins).
 */
public abstract class TokenStore {

    private static final String CLAIM = """
            with due as (
                select t.platform_user_id from %1$s t
                where ($10::text is null or t.platform_user_id in (select id from platform_user where platform = $10))
                  and t.token_status = 'ACTIVE' and (t.expires_at < $1 or ($9 and t.expires_at is null))
                  and (t.next_attempt_at is null or t.next_attempt_at <= $2)
                  and (t.claimed_until is null or t.claimed_until < $2)
                  and t.updated_at < $6
                  and (not $7 or t.next_attempt_at is not null)
                  and ($8::uuid is null or t.platform_user_id = $8)
                order by t.expires_at
                limit $3
                for update skip locked)
            update %1$s t set claimed_until = $4, claimed_by = $5
            from due, platform_user p
            where t.platform_user_id = due.platform_user_id and p.id = t.platform_user_id
            returning t.platform_user_id, t.access_token, t.refresh_token, t.expires_at, t.attempts, t.expiring_notified_at,
                      t.data_access_expires_at, t.refresh_expires_at, p.workspace_id, p.platform, p.external_user_id, p.display_name, p.connected_by""";

    private final Pool pool;
    private final Outbox outbox;
    private final String table;

    protected TokenStore(Pool pool, Outbox outbox, String table) {
        this.pool = pool;
        this.outbox = outbox;
        this.table = table;
    }

    /** A query on this store's table ({@code %1$s} in the text). */
    private String sql(String text) {
        return text.formatted(table);
    }

    /** A provider-forced end no refresh extends, and why. */
    public record Deadline(Instant at, String reason) {
    }

    /**
     * {@code checkNonExpiring}: also take tokens that never expire, for their
     * liveness check (once per cycle); {@code platform}: only this provider's
     * tokens (each has its own refresh buffer), or all when null.
     */
    public record ClaimQuery(Instant dueBefore, Instant now, int limit, Instant leaseUntil, Instant touchedBefore,
            boolean retriesOnly, UUID only, boolean checkNonExpiring, String platform) {
    }

    public Uni<List<ClaimedToken>> claim(ClaimQuery q) {
        String claim = UUID.randomUUID().toString();
        Tuple args = Tuple.from(List.of(utc(q.dueBefore()), utc(q.now()), q.limit(), utc(q.leaseUntil()), claim,
                utc(q.touchedBefore()), q.retriesOnly()));
        args.addUUID(q.only());
        args.addBoolean(q.checkNonExpiring());
        args.addString(q.platform());
        return pool.withTransaction(conn -> conn.preparedQuery(sql(CLAIM)).execute(args)).map(rows -> {
            List<ClaimedToken> claimed = new ArrayList<>();
            for (Row r : rows) {
                claimed.add(new ClaimedToken(r.getUUID("platform_user_id"), claim, r.getString("access_token"), r.getString("refresh_token"),
                        instant(r, "expires_at"), r.getInteger("attempts"), instant(r, "expiring_notified_at"), instant(r, "data_access_expires_at"), instant(r, "refresh_expires_at"),
                        r.getUUID("workspace_id").toString(), r.getString("platform"), r.getString("external_user_id"),
                        r.getString("display_name"), r.getUUID("connected_by").toString()));
            }
            return claimed;
        });
    }

    /**
     * A fresh token is stored; sync goes on and the user sees nothing (T3).
     * {@code deadline}: a provider-forced end that no refresh extends is near
     * (Meta's data access, a refresh token's own end) — TOKEN_EXPIRING once
     * with its reason (N2); null when none is near.
     */
    public Uni<Boolean> refreshed(ClaimedToken t, String newCiphertext, String newRefreshCiphertext, Instant expiresAt,
            Deadline deadline, Instant now) {
        boolean warnDataAccess = deadline != null;
        boolean announce = warnDataAccess && t.expiringNotifiedAt() == null;
        Tuple args = Tuple.of(t.platformUserId(), t.claim(), newCiphertext, utc(expiresAt), utc(now));
        args.addBoolean(warnDataAccess);
        args.addString(newRefreshCiphertext);
        // a rotated refresh token is written with its access token, in one statement: the newest is never lost
        return pool.withTransaction(conn -> conn.preparedQuery(sql("""
                update %1$s set access_token = $3, expires_at = $4, attempts = 0, next_attempt_at = null,
                    claimed_until = null, claimed_by = null, updated_at = $5,
                    refresh_token = coalesce($7, refresh_token),
                    expiring_notified_at = case when $6 then coalesce(expiring_notified_at, $5) end
                where platform_user_id = $1 and claimed_by = $2"""))
                .execute(args)
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery("update platform_user set last_refresh_at = $2, last_refresh_error = null, "
                                + "updated_at = $2 where id = $1").execute(Tuple.of(t.platformUserId(), utc(now)))
                                .chain(() -> event(conn, t, "TOKEN_REFRESHED", "ACTIVE", expiresAt, null, now))
                                .chain(() -> announce
                                        ? event(conn, t, "TOKEN_EXPIRING", "ACTIVE", deadline.at(), deadline.reason(), now)
                                        : Uni.createFrom().voidItem())
                                .replaceWith(true)));
    }

    /** A permanent failure: the token is expired with its reason; the card turns yellow (T4). */
    public Uni<Boolean> expired(ClaimedToken t, String reason, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery(sql("""
                update %1$s set token_status = 'EXPIRED', expired_reason = $3, claimed_until = null,
                    claimed_by = null, updated_at = $4
                where platform_user_id = $1 and claimed_by = $2"""))
                .execute(Tuple.of(t.platformUserId(), t.claim(), reason, utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery("update platform_user set status = 'EXPIRED', last_refresh_error = $2, "
                                + "updated_at = $3 where id = $1 and status = 'ACTIVE'")
                                .execute(Tuple.of(t.platformUserId(), reason, utc(now)))
                                .chain(() -> event(conn, t, "TOKEN_EXPIRED", "EXPIRED", t.expiresAt(), reason, now))
                                .replaceWith(true)));
    }

    /**
     * A rate limit or provider failure: try again at {@code retryAt}, never
     * "expired" (T4); {@code warnExpiring} adds the one TOKEN_EXPIRING (N2).
     */
    public Uni<Boolean> deferred(ClaimedToken t, String reason, Instant retryAt, boolean warnExpiring, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery(sql("""
                update %1$s set attempts = attempts + 1, next_attempt_at = $3, claimed_until = null,
                    claimed_by = null, updated_at = $4,
                    expiring_notified_at = case when $5 then $4 else expiring_notified_at end
                where platform_user_id = $1 and claimed_by = $2"""))
                .execute(Tuple.of(t.platformUserId(), t.claim(), utc(retryAt), utc(now), warnExpiring))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery("update platform_user set last_refresh_error = $2, updated_at = $3 where id = $1")
                                .execute(Tuple.of(t.platformUserId(), reason, utc(now)))
                                .chain(() -> event(conn, t, "TOKEN_REFRESH_DEFERRED", "ACTIVE", t.expiresAt(), reason, now))
                                .chain(() -> warnExpiring
                                        ? event(conn, t, "TOKEN_EXPIRING", "ACTIVE", t.expiresAt(), reason, now)
                                        : Uni.createFrom().voidItem())
                                .replaceWith(true)));
    }

    /** The current ciphertext and state of one token (for the credentials endpoint). */
    public Uni<Row> current(UUID platformUserId) {
        return pool.preparedQuery(sql("select t.access_token, t.expires_at, t.token_status, p.workspace_id from %1$s t "
                + "join platform_user p on p.id = t.platform_user_id where t.platform_user_id = $1"))
                .execute(Tuple.of(platformUserId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    private Uni<Void> event(SqlConnection conn, ClaimedToken t, String type, String status, Instant expiresAt, String reason,
            Instant now) {
        return conn.preparedQuery("select ad_account_id, external_id, name from ad_account where platform_user_id = $1")
                .execute(Tuple.of(t.platformUserId()))
                .chain(rows -> {
                    List<AdAccountRef> accounts = new ArrayList<>();
                    rows.forEach(r -> accounts.add(new AdAccountRef(r.getUUID("ad_account_id").toString(),
                            r.getString("external_id"), r.getString("name"))));
                    PlatformUserView view = new PlatformUserView(t.workspaceId(), t.platform(), t.platformUserId().toString(),
                            t.externalUserId(), t.displayName(), status, accounts, t.connectedBy());
                    return outbox.add(conn, TokenStatusEvent.TOPIC, t.platformUserId().toString(),
                            TokenStatusEvent.of(type, now, view, expiresAt, reason));
                });
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        java.time.OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
