package ai.wevion.token.store;

import ai.wevion.audit.AuditEntry;
import ai.wevion.audit.AuditLog;
import ai.wevion.token.event.TokenEventType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one writer of a token table ({@code meta_token} or {@code oauth_token},
 * which share their columns) and of the platform users and ad accounts behind
 * it: every state change — connect, refresh outcome, expiry, archive,
 * disconnect — clears the refresh claim where it must and writes its
 * {@code token-status} event in the same transaction. A refresh outcome
 * applies only to a token still ACTIVE and still claimed by that refresh: a
 * reconnect, an expiry or a removal in between wins.
 */
public class TokenStore {

    /** A new authorization, its tokens still to be sealed for the record they end up in. */
    public record NewGrant(UUID workspaceId, UUID connectedBy, String platform, boolean reconnect, String externalUserId,
            String displayName, Instant expiresAt, Instant dataAccessExpiresAt, Instant refreshExpiresAt, List<Account> adAccounts) {
    }

    public record Account(String externalId, String name) {
    }

    /** Ciphertexts bound to their platform user id; {@code refresh} null when there is none. */
    public record Sealed(String access, String refresh) {
    }

    public enum Outcome { CONNECTED, RECONNECTED, NEW_USER_CREATED }

    public record Connected(UUID platformUserId, String externalUserId, Outcome outcome) {
    }

    /** The credentials endpoint's view of a token: {@code renewable} when a refresh token outlives the access token. */
    public record Current(String accessCiphertext, boolean renewable, Instant expiresAt, boolean active) {
    }

    private final Pool pool;
    private final String table;
    private final StatusEvents events;
    private final AuditLog audit;
    private final TokenClaims claims;

    TokenStore(Pool pool, StatusEvents events, AuditLog audit, String table) {
        this.pool = pool;
        this.table = table;
        this.events = events;
        this.audit = audit;
        this.claims = new TokenClaims(pool, events, table);
    }

    /** Claims and refresh outcomes (T3, T4). */
    public TokenClaims claims() {
        return claims;
    }

    /**
     * Connect or reconnect (T1, T5, T7): the same provider account updates its
     * live record in place (RECONNECTED), another gets a new one.
     */
    public Uni<Connected> connected(NewGrant grant, Function<UUID, Sealed> seal, Instant now) {
        return pool.withTransaction(conn -> PlatformUserRows.lockLive(conn, grant.workspaceId(), grant.platform(), grant.externalUserId())
                .chain(existing -> {
                    UUID id = existing != null ? existing : UUID.randomUUID();
                    Outcome outcome = existing != null ? Outcome.RECONNECTED : grant.reconnect() ? Outcome.NEW_USER_CREATED : Outcome.CONNECTED;
                    Uni<Void> record = existing != null ? PlatformUserRows.renewed(conn, id, grant.displayName(), now)
                            : PlatformUserRows.insert(conn, id, grant, now);
                    return record.chain(() -> PlatformUserRows.replaceAdAccounts(conn, id, grant))
                            .chain(() -> storeToken(conn, id, grant, seal.apply(id), now))
                            .chain(() -> events.add(conn, id, existing != null ? TokenEventType.TOKEN_RECONNECTED : TokenEventType.TOKEN_CONNECTED,
                                    grant.expiresAt(), null, now))
                            .replaceWith(new Connected(id, grant.externalUserId(), outcome));
                }));
    }

    private Uni<Void> storeToken(SqlConnection conn, UUID id, NewGrant grant, Sealed sealed, Instant now) {
        return conn.preparedQuery(sql("""
                insert into %1$s (platform_user_id, access_token, refresh_token, expires_at, data_access_expires_at, refresh_expires_at,
                                  token_status, attempts, updated_at)
                values ($1, $2, $3, $4, $5, $6, 'ACTIVE', 0, $7)
                on conflict (platform_user_id) do update set access_token = excluded.access_token,
                    refresh_token = excluded.refresh_token, expires_at = excluded.expires_at,
                    data_access_expires_at = excluded.data_access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
                    token_status = 'ACTIVE', expired_reason = null, attempts = 0, next_attempt_at = null, claimed_until = null,
                    claimed_by = null, expiring_notified_at = null, updated_at = excluded.updated_at"""))
                .execute(Tuple.tuple().addUUID(id).addString(sealed.access()).addString(sealed.refresh())
                        .addOffsetDateTime(Sql.utc(grant.expiresAt())).addOffsetDateTime(Sql.utc(grant.dataAccessExpiresAt()))
                        .addOffsetDateTime(Sql.utc(grant.refreshExpiresAt())).addOffsetDateTime(Sql.utc(now)))
                .replaceWithVoid();
    }

    /**
     * A provider says the account removed the app (Meta, Stripe): each of its
     * live records expires at once (APP_REMOVED), and a refresh in flight can no
     * longer write its outcome (its claim is gone). Returns how many expired.
     */
    public Uni<Integer> appRemoved(String platform, String externalUserId, Instant now) {
        return pool.withTransaction(conn -> expireLive(conn, platform, externalUserId, now));
    }

    /**
     * The same for a provider event with an id (Stripe): acted on once, in the
     * transaction that records the id, so a replayed or retried event expires
     * nothing again and answers 0.
     */
    public Uni<Integer> appRemoved(String platform, String externalUserId, String eventId, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery("insert into webhook_event (provider, event_id, received_at) "
                + "values ($1, $2, $3) on conflict do nothing").execute(Tuple.of(platform, eventId, Sql.utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(0) : expireLive(conn, platform, externalUserId, now)));
    }

    private Uni<Integer> expireLive(SqlConnection conn, String platform, String externalUserId, Instant now) {
        return conn.preparedQuery("select id from platform_user where platform = $1 "
                + "and external_user_id = $2 and status = 'ACTIVE' order by id for update").execute(Tuple.of(platform, externalUserId))
                .chain(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(id -> expire(conn, id, "APP_REMOVED", now).replaceWith(id))
                            .collect().asList().map(List::size);
                });
    }

    private Uni<Void> expire(SqlConnection conn, UUID id, String reason, Instant now) {
        return conn.preparedQuery(sql("update %1$s set token_status = 'EXPIRED', expired_reason = $2, claimed_until = null, "
                + "claimed_by = null, updated_at = $3 where platform_user_id = $1 returning expires_at"))
                .execute(Tuple.of(id, reason, Sql.utc(now)))
                .chain(rows -> conn.preparedQuery("update platform_user set status = 'EXPIRED', last_refresh_error = $2, updated_at = $3 "
                        + "where id = $1").execute(Tuple.of(id, reason, Sql.utc(now)))
                        .chain(() -> {
                            Row token = Sql.first(rows);
                            return events.add(conn, id, TokenEventType.TOKEN_EXPIRED, token == null ? null : Sql.instant(token, "expires_at"),
                                    reason, now);
                        }));
    }

    /** An admin keeps an old record for the record, without its token (T6), audited; false when it is not in the workspace. */
    public Uni<Boolean> archived(UUID id, UUID workspaceId, AuditEntry audited, Instant now) {
        return pool.withTransaction(conn -> conn.preparedQuery("update platform_user set status = 'ARCHIVED', updated_at = $3 "
                + "where id = $1 and workspace_id = $2").execute(Tuple.of(id, workspaceId, Sql.utc(now)))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : conn.preparedQuery(sql("delete from %1$s where platform_user_id = $1")).execute(Tuple.of(id))
                                .chain(() -> events.add(conn, id, TokenEventType.PLATFORM_USER_ARCHIVED, null, null, now))
                                .chain(() -> audit.record(conn, audited))
                                .replaceWith(true)));
    }

    /** Disconnect: the record, its token and its ad accounts are removed (T6), audited; false when it is not in the workspace. */
    public Uni<Boolean> disconnected(UUID id, UUID workspaceId, AuditEntry audited, Instant now) {
        return pool.withTransaction(conn -> events.view(conn, id).chain(view -> view == null || !view.workspaceId().equals(workspaceId.toString())
                ? Uni.createFrom().item(false)
                : conn.preparedQuery("delete from platform_user where id = $1").execute(Tuple.of(id))
                        .chain(() -> events.add(conn, view, TokenEventType.PLATFORM_USER_DISCONNECTED, null, null, now))
                        .chain(() -> audit.record(conn, audited))
                        .replaceWith(true)));
    }

    /** The current ciphertext and state of one token (for the credentials endpoint); null when there is none. */
    public Uni<Current> current(UUID platformUserId) {
        return pool.preparedQuery(sql("select access_token, refresh_token is not null as renewable, expires_at, token_status "
                + "from %1$s where platform_user_id = $1")).execute(Tuple.of(platformUserId)).map(Sql::first)
                .map(r -> r == null ? null : new Current(r.getString("access_token"), r.getBoolean("renewable"),
                        Sql.instant(r, "expires_at"), "ACTIVE".equals(r.getString("token_status"))));
    }

    /** When each of these records' tokens expires (listing; never a token). */
    public Uni<Map<UUID, Instant>> expiries(List<UUID> platformUserIds) {
        return pool.preparedQuery(sql("select platform_user_id, expires_at from %1$s where platform_user_id = any($1)"))
                .execute(Tuple.tuple().addArrayOfUUID(platformUserIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Instant> expiries = new HashMap<>();
                    rows.forEach(r -> expiries.put(r.getUUID("platform_user_id"), Sql.instant(r, "expires_at")));
                    return expiries;
                });
    }

    private String sql(String text) {
        return text.formatted(table);
    }
}
