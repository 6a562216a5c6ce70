package ai.wevion.token.store;

import ai.wevion.token.event.TokenEventType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The refresh job's side of a {@link TokenStore}: claims with {@code FOR UPDATE
 * SKIP LOCKED} and a lease (so that any number of replicas refresh each token
 * once), and each outcome written with its event in one transaction — only
 * while the claim still holds and the token is still ACTIVE.
 */
public final class TokenClaims {

    private static final String CLAIM = """
            with due as (
                select t.platform_user_id from %1$s t
                where t.platform_user_id in (select id from platform_user where platform = $10)
                  and t.token_status = 'ACTIVE' and (t.expires_at < $1 or ($9 and t.expires_at is null))
                  and (t.next_attempt_at is null or t.next_attempt_at <= $2)
                  and (t.claimed_until is null or t.claimed_until < $2)
                  and t.updated_at < $6
                  and (not $7 or t.next_attempt_at is not null or t.claimed_by is not null)
                  and ($8::uuid is null or t.platform_user_id = $8)
                order by t.expires_at
                limit $3
                for update skip locked)
            update %1$s t set claimed_until = $4, claimed_by = $5
            from due, platform_user p
            where t.platform_user_id = due.platform_user_id and p.id = t.platform_user_id
            returning t.platform_user_id, t.access_token, t.refresh_token, t.expires_at, t.attempts, t.expiring_notified_at,
                      t.data_access_expires_at, t.refresh_expires_at, p.platform, p.external_user_id""";

    /** The outcome's condition: this refresh's claim, on a token nothing else has expired meanwhile. */
    private static final String STILL_OURS = " where platform_user_id = $1 and claimed_by = $2 and token_status = 'ACTIVE'";

    /** A provider-forced end no refresh extends, and why. */
    public record Deadline(Instant at, String reason) {
    }

    /**
     * {@code retriesOnly}: only tokens a refresh already touched — deferred ones
     * whose retry time has come, and those whose claim lapsed unfinished (the
     * replica that held it died), so a crash strands a token for one lease, not
     * until the next cycle; {@code checkNonExpiring}: also take tokens that never expire, for their
     * liveness check (once per cycle); {@code platform}: this provider's tokens
     * (each has its own refresh window).
     */
    public record ClaimQuery(Instant dueBefore, Instant now, int limit, Instant leaseUntil, Instant touchedBefore,
            boolean retriesOnly, UUID only, boolean checkNonExpiring, String platform) {
    }

    private final Pool pool;
    private final StatusEvents events;
    private final String table;

    TokenClaims(Pool pool, StatusEvents events, String table) {
        this.pool = pool;
        this.events = events;
        this.table = table;
    }

    public Uni<List<ClaimedToken>> claim(ClaimQuery q) {
        String claim = UUID.randomUUID().toString();
        Tuple args = Tuple.from(List.of(Sql.utc(q.dueBefore()), Sql.utc(q.now()), q.limit(), Sql.utc(q.leaseUntil()), claim,
                Sql.utc(q.touchedBefore()), q.retriesOnly()));
        args.addUUID(q.only());
        args.addBoolean(q.checkNonExpiring());
        args.addString(q.platform());
        return pool.withTransaction(conn -> conn.preparedQuery(sql(CLAIM)).execute(args)).map(rows -> {
            List<ClaimedToken> claimed = new ArrayList<>();
            for (Row r : rows) {
                claimed.add(new ClaimedToken(r.getUUID("platform_user_id"), claim, r.getString("access_token"), r.getString("refresh_token"),
                        Sql.instant(r, "expires_at"), r.getInteger("attempts"), Sql.instant(r, "expiring_notified_at"),
                        Sql.instant(r, "data_access_expires_at"), Sql.instant(r, "refresh_expires_at"), r.getString("platform"),
                        r.getString("external_user_id")));
            }
            return claimed;
        });
    }

    /** A renewed token to store: its new ciphertexts and expiry, and a provider-forced end that is near (null when none). */
    public record Renewal(ClaimedToken token, String ciphertext, String refreshCiphertext, Instant expiresAt, Deadline deadline,
            Instant at) {
    }

    /**
     * Fresh tokens are stored; sync goes on and the user sees nothing (T3).
     * A renewal's {@code deadline}: a provider-forced end that no refresh
     * extends is near (Meta's data access, a refresh token's own end) —
     * TOKEN_EXPIRING once with its reason (N2).
     *
     * <p>All of them in one transaction, each statement sent once for the
     * whole list (a pipelined batch), so a sweep pays a few round trips per
     * batch rather than per token; each row keeps its own condition (still
     * this refresh's claim, still ACTIVE). Returns the platform users whose
     * token was written, with its events.
     */
    public Uni<Set<UUID>> refreshed(List<Renewal> renewals) {
        if (renewals.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<Tuple> updates = renewals.stream().map(r -> {
            Tuple args = Tuple.of(r.token().platformUserId(), r.token().claim(), r.ciphertext(), Sql.utc(r.expiresAt()), Sql.utc(r.at()));
            args.addBoolean(r.deadline() != null);
            return args.addString(r.refreshCiphertext());
        }).toList();
        // a rotated refresh token is written with its access token, in one statement: the newest is never lost
        return pool.withTransaction(conn -> conn.preparedQuery(sql("""
                update %1$s set access_token = $3, expires_at = $4, attempts = 0, next_attempt_at = null,
                    claimed_until = null, claimed_by = null, updated_at = $5,
                    refresh_token = coalesce($7, refresh_token),
                    expiring_notified_at = case when $6 then coalesce(expiring_notified_at, $5) end""" + STILL_OURS))
                .executeBatch(updates)
                .chain(rows -> {
                    List<Renewal> ours = new ArrayList<>();
                    int i = 0;
                    for (RowSet<Row> each = rows; each != null; each = each.next(), i++) {
                        if (each.rowCount() > 0) {
                            ours.add(renewals.get(i));
                        }
                    }
                    if (ours.isEmpty()) {
                        return Uni.createFrom().item(Set.<UUID>of());
                    }
                    return conn.preparedQuery("update platform_user set last_refresh_at = $2, last_refresh_error = null, "
                                    + "updated_at = $2 where id = $1")
                            .executeBatch(ours.stream().map(r -> Tuple.of(r.token().platformUserId(), Sql.utc(r.at()))).toList())
                            .chain(() -> events.views(conn, ours.stream().map(r -> r.token().platformUserId()).toList()))
                            .chain(views -> {
                                List<StatusEvents.Change> changes = new ArrayList<>();
                                for (int j = 0; j < ours.size(); j++) {
                                    Renewal r = ours.get(j);
                                    changes.add(new StatusEvents.Change(views.get(j), TokenEventType.TOKEN_REFRESHED, r.expiresAt(), null, r.at()));
                                    if (r.deadline() != null && r.token().expiringNotifiedAt() == null) {
                                        changes.add(new StatusEvents.Change(views.get(j), TokenEventType.TOKEN_EXPIRING, r.deadline().at(),
                                                r.deadline().reason(), r.at()));
                                    }
                                }
                                return events.add(conn, changes);
                            })
                            .map(done -> ours.stream().map(r -> r.token().platformUserId()).collect(Collectors.toSet()));
                }));
    }

    /** A permanent failure: the token is expired with its reason; the card turns yellow (T4). */
    public Uni<Boolean> expired(ClaimedToken t, String reason, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery(sql("""
                update %1$s set token_status = 'EXPIRED', expired_reason = $3, claimed_until = null,
                    claimed_by = null, updated_at = $4""" + STILL_OURS))
                .execute(Tuple.of(t.platformUserId(), t.claim(), reason, Sql.utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery("update platform_user set status = 'EXPIRED', last_refresh_error = $2, "
                                + "updated_at = $3 where id = $1 and status = 'ACTIVE'")
                                .execute(Tuple.of(t.platformUserId(), reason, Sql.utc(now)))
                                .chain(() -> events.add(conn, t.platformUserId(), TokenEventType.TOKEN_EXPIRED, t.expiresAt(), reason, now))
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
                    expiring_notified_at = case when $5 then $4 else expiring_notified_at end""" + STILL_OURS))
                .execute(Tuple.of(t.platformUserId(), t.claim(), Sql.utc(retryAt), Sql.utc(now), warnExpiring))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery("update platform_user set last_refresh_error = $2, updated_at = $3 where id = $1")
                                .execute(Tuple.of(t.platformUserId(), reason, Sql.utc(now)))
                                .chain(() -> events.view(conn, t.platformUserId()))
                                .chain(view -> events.add(conn, view, TokenEventType.TOKEN_REFRESH_DEFERRED, t.expiresAt(), reason, now)
                                        .chain(() -> warnExpiring
                                                ? events.add(conn, view, TokenEventType.TOKEN_EXPIRING, t.expiresAt(), reason, now)
                                                : Uni.createFrom().voidItem()))
                                .replaceWith(true)));
    }

    private String sql(String text) {
        return text.formatted(table);
    }
}
