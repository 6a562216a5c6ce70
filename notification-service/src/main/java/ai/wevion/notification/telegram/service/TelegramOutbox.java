package ai.wevion.notification.telegram.service;

import static ai.wevion.notification.alert.service.Feed.utc;

import ai.wevion.notification.config.NotificationConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Messages for the bot, written in the transaction that decides them and
 * sent by {@link TelegramDeliveries}. Token alerts never go through the bot
 * (N3), whatever the configuration says.
 */
@ApplicationScoped
public class TelegramOutbox {

    private static final Logger LOG = Logger.getLogger(TelegramOutbox.class);
    private static final Set<String> IN_APP_ONLY = Set.of("TOKEN_EXPIRED", "TOKEN_EXPIRING");

    private final Set<String> types;

    public TelegramOutbox(NotificationConfig config) {
        this.types = config.telegram().types().stream().filter(t -> !IN_APP_ONLY.contains(t)).collect(java.util.stream.Collectors.toSet());
        if (types.size() < config.telegram().types().size()) {
            LOG.warn("notification.telegram.types lists token alerts; they stay in-app only (N3) and are not sent");
        }
    }

    /** A new notification of a bot-enabled type, for every member of its workspace who linked Telegram. */
    public Uni<Void> enqueue(SqlConnection conn, UUID workspaceId, String type, String audience, String message, Instant now) {
        if (!types.contains(type) || !"WORKSPACE".equals(audience)) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("insert into telegram_delivery (id, chat_id, text, next_attempt_at) "
                + "select gen_random_uuid(), chat_id, $2, $3 from telegram_link where workspace_id = $1")
                .execute(Tuple.of(workspaceId, message, utc(now)))
                .replaceWithVoid();
    }

    /** A reply in a chat (link confirmations and refusals). */
    public Uni<Void> reply(SqlConnection conn, long chatId, String text, Instant now) {
        return conn.preparedQuery("insert into telegram_delivery (id, chat_id, text, next_attempt_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.randomUUID(), chatId, text, utc(now)))
                .replaceWithVoid();
    }
}
