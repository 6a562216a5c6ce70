package ai.wevion.authclient.stream;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Table {@code stream_ticket} of the service that serves a stream (its own
 * migration creates it): a ticket's hash, the stream path it opens, the
 * session JWT's claims it stands for, and when it stops being usable. A ticket
 * is taken by deleting its row, so it opens one stream once, whichever replica
 * the browser reaches.
 */
@ApplicationScoped
public class StreamTicketRepository {

    private final Pool pool;

    public StreamTicketRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a ticket; the tickets nobody used go in the same statement. */
    public Uni<Void> insert(String ticketHash, String path, JsonObject claims, Instant expiresAt, Instant now) {
        return pool.preparedQuery("with unused as (delete from stream_ticket where expires_at < $5) "
                        + "insert into stream_ticket (ticket_hash, path, claims, expires_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(ticketHash, path, claims, expiresAt.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The claims of an unexpired ticket for this path, removing it; empty for an unknown, used or expired one. */
    public Uni<Optional<JsonObject>> take(String ticketHash, String path, Instant now) {
        return pool.preparedQuery("delete from stream_ticket where ticket_hash = $1 returning path, claims, expires_at")
                .execute(Tuple.of(ticketHash))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    boolean usable = path.equals(row.getString("path"))
                            && row.getOffsetDateTime("expires_at").toInstant().isAfter(now);
                    return usable ? Optional.of(row.getJsonObject("claims")) : Optional.empty();
                });
    }
}
