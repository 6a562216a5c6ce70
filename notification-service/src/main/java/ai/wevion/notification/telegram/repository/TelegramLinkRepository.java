package ai.wevion.notification.telegram.repository;

import static ai.wevion.notification.repository.Timestamps.instant;
import static ai.wevion.notification.repository.Timestamps.utc;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Tables {@code telegram_link_token} (one-time link tokens, by their hash) and {@code telegram_link} (a user's chat) (N5). */
@ApplicationScoped
public class TelegramLinkRepository {

    /** A link token's owner and state. */
    public record LinkToken(UUID workspaceId, UUID userId, Instant expiresAt, Instant usedAt) {
    }

    private final Pool pool;

    public TelegramLinkRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insertToken(String tokenHash, UUID workspaceId, UUID userId, Instant now, Instant expiresAt) {
        return pool.preparedQuery("insert into telegram_link_token (token_hash, workspace_id, user_id, created_at, expires_at) "
                + "values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(tokenHash, workspaceId, userId, utc(now), utc(expiresAt)))
                .replaceWithVoid();
    }

    /** Locks the token for the caller's transaction; null when there is no such token. */
    public Uni<LinkToken> lockToken(SqlConnection conn, String tokenHash) {
        return conn.preparedQuery("select workspace_id, user_id, expires_at, used_at from telegram_link_token where token_hash = $1 "
                + "for update").execute(Tuple.of(tokenHash))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new LinkToken(r.getUUID("workspace_id"), r.getUUID("user_id"), instant(r, "expires_at"), instant(r, "used_at"));
                });
    }

    public Uni<Void> useToken(SqlConnection conn, String tokenHash, Instant now) {
        return conn.preparedQuery("update telegram_link_token set used_at = $2 where token_hash = $1")
                .execute(Tuple.of(tokenHash, utc(now)))
                .replaceWithVoid();
    }

    /** The user's chat from now on (a new link replaces the old one). */
    public Uni<Void> link(SqlConnection conn, UUID workspaceId, UUID userId, long chatId, Instant now) {
        return conn.preparedQuery("""
                insert into telegram_link (workspace_id, user_id, chat_id, linked_at) values ($1, $2, $3, $4)
                on conflict (workspace_id, user_id) do update set chat_id = excluded.chat_id, linked_at = excluded.linked_at""")
                .execute(Tuple.of(workspaceId, userId, chatId, utc(now)))
                .replaceWithVoid();
    }

    /** When the user linked their chat; null when they have not. */
    public Uni<Instant> linkedAt(UUID workspaceId, UUID userId) {
        return pool.preparedQuery("select linked_at from telegram_link where workspace_id = $1 and user_id = $2")
                .execute(Tuple.of(workspaceId, userId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getOffsetDateTime(0).toInstant() : null);
    }

    public Uni<Void> unlink(UUID workspaceId, UUID userId) {
        return pool.preparedQuery("delete from telegram_link where workspace_id = $1 and user_id = $2")
                .execute(Tuple.of(workspaceId, userId)).replaceWithVoid();
    }

    /** Every link to a chat that is gone (the user blocked the bot, or the chat no longer exists). */
    public Uni<Void> unlinkChat(SqlConnection conn, long chatId) {
        return conn.preparedQuery("delete from telegram_link where chat_id = $1").execute(Tuple.of(chatId)).replaceWithVoid();
    }
}
