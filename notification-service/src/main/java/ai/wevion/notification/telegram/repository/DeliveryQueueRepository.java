package ai.wevion.notification.telegram.repository;

import static ai.wevion.notification.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Table {@code telegram_delivery}: the queue of messages waiting to go through
 * the bot, written in the transaction that decides them and emptied by the
 * delivery job (claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so
 * replicas never send one twice at once).
 */
@ApplicationScoped
public class DeliveryQueueRepository {

    /** A claimed message. */
    public record Delivery(UUID id, long chatId, String text, int attempts, Instant createdAt) {
    }

    private final Pool pool;

    public DeliveryQueueRepository(Pool pool) {
        this.pool = pool;
    }

    /** A message for every member of the workspace who linked Telegram. */
    public Uni<Void> enqueueForWorkspace(SqlConnection conn, UUID workspaceId, String text, Instant now) {
        return conn.preparedQuery("insert into telegram_delivery (id, chat_id, text, next_attempt_at, created_at) "
                + "select gen_random_uuid(), chat_id, $2, $3, $3 from telegram_link where workspace_id = $1")
                .execute(Tuple.of(workspaceId, text, utc(now)))
                .replaceWithVoid();
    }

    /** A reply in a chat (link confirmations and refusals). */
    public Uni<Void> enqueueReply(SqlConnection conn, long chatId, String text, Instant now) {
        return conn.preparedQuery("insert into telegram_delivery (id, chat_id, text, next_attempt_at, created_at) values ($1, $2, $3, $4, $4)")
                .execute(Tuple.of(UUID.randomUUID(), chatId, text, utc(now)))
                .replaceWithVoid();
    }

    /** Claims up to {@code batch} due messages until {@code leaseUntil}, oldest first. */
    public Uni<List<Delivery>> claimDue(Instant now, Instant leaseUntil, int batch) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                update telegram_delivery d set claimed_until = $2 from (
                    select id from telegram_delivery where next_attempt_at <= $1 and (claimed_until is null or claimed_until < $1)
                    order by next_attempt_at limit $3 for update skip locked) due
                where d.id = due.id returning d.id, d.chat_id, d.text, d.attempts, d.created_at""")
                .execute(Tuple.of(utc(now), utc(leaseUntil), batch)))
                .map(rows -> {
                    List<Delivery> claimed = new ArrayList<>();
                    rows.forEach(r -> claimed.add(new Delivery(r.getUUID("id"), r.getLong("chat_id"), r.getString("text"),
                            r.getInteger("attempts"), r.getOffsetDateTime("created_at").toInstant())));
                    return claimed;
                });
    }

    /** Messages waiting and how long the oldest has waited (the metrics). */
    public record Backlog(long pending, long oldestAgeSeconds) {
    }

    public Uni<Backlog> backlog(Instant now) {
        return pool.preparedQuery("select count(*) as pending, coalesce(extract(epoch from $1 - min(created_at)), 0)::bigint as age "
                + "from telegram_delivery").execute(Tuple.of(utc(now)))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Backlog(row.getLong("pending"), Math.max(0, row.getLong("age")));
                });
    }

    /** Sent, or given up. */
    public Uni<Void> delete(UUID id) {
        return pool.preparedQuery("delete from telegram_delivery where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Tried once more; the lease ends and the next attempt waits until {@code at}. */
    public Uni<Void> retryAt(UUID id, Instant at) {
        return pool.preparedQuery("update telegram_delivery set next_attempt_at = $2, attempts = attempts + 1, claimed_until = null "
                + "where id = $1").execute(Tuple.of(id, utc(at))).replaceWithVoid();
    }

    /** Every message still waiting for a chat that is gone. */
    public Uni<Void> dropChat(SqlConnection conn, long chatId) {
        return conn.preparedQuery("delete from telegram_delivery where chat_id = $1").execute(Tuple.of(chatId)).replaceWithVoid();
    }
}
