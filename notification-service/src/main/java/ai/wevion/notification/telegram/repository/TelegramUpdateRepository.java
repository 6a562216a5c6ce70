package ai.wevion.notification.telegram.repository;

import static ai.wevion.notification.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Tables {@code telegram_update} (Telegram may deliver an update twice) and {@code telegram_poll} (the getUpdates offset). */
@ApplicationScoped
public class TelegramUpdateRepository {

    /** Records the update id in the caller's transaction; false when it was applied before. */
    public Uni<Boolean> firstTime(SqlConnection conn, long updateId, Instant now) {
        return conn.preparedQuery("insert into telegram_update (update_id, received_at) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(updateId, utc(now)))
                .map(fresh -> fresh.rowCount() > 0);
    }

    /** Locks the poll offset with SKIP LOCKED: null when another replica is polling. */
    public Uni<Long> lockPollOffset(SqlConnection conn) {
        return conn.query("select next_offset from telegram_poll where id = 1 for update skip locked").execute()
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    public Uni<Void> movePollOffset(SqlConnection conn, long next) {
        return conn.preparedQuery("update telegram_poll set next_offset = $1 where id = 1").execute(Tuple.of(next)).replaceWithVoid();
    }
}
