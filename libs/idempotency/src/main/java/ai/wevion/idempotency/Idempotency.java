package ai.wevion.idempotency;

import ai.wevion.authclient.api.ApiError;
import ai.wevion.idempotency.IdempotencyRules.Outcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A POST, PATCH or DELETE sent with {@code Idempotency-Key: <key>} acts once:
 * a retry with the same key (a double click, a lost answer, a mobile network)
 * gets the first answer again, with {@code Idempotent-Replayed: true}; while
 * the first is still being answered, 409 {@code request_in_progress} with
 * {@code Retry-After: 1}; the same key on another request, 422
 * {@code idempotency_key_reused}. Keys are per caller and kept a day (table
 * {@code idempotency_key}). A server error is not kept, so its retry acts.
 */
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String KEY_HASH = Idempotency.class.getName() + ".keyHash";
    private static final Set<String> METHODS = Set.of("POST", "PATCH", "DELETE");
    private static final Logger LOG = Logger.getLogger(Idempotency.class);

    private final Pool pool;
    private final ObjectMapper json;
    private final Clock clock;

    public Idempotency(Pool pool, ObjectMapper json, Clock clock) {
        this.pool = pool;
        this.json = json;
        this.clock = clock;
    }

    /** After authentication and authorization: a refused request is never kept. */
    @ServerRequestFilter
    public Uni<Response> before(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !METHODS.contains(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        if (!IdempotencyRules.validKey(key)) {
            return Uni.createFrom().item(ApiError.response(400, "invalid_idempotency_key",
                    HEADER + " must be 1 to 100 visible ASCII characters, a UUID for instance."));
        }
        Principal principal = request.getSecurityContext().getUserPrincipal();
        String keyHash = IdempotencyRules.keyHash(principal == null ? "anonymous" : principal.getName(), key);
        String fingerprint = request.getMethod() + " " + request.getUriInfo().getPath();
        var now = clock.instant();
        return pool.preparedQuery("insert into idempotency_key (key_hash, fingerprint, created_at) values ($1, $2, $3) "
                        + "on conflict (key_hash) do nothing")
                .execute(Tuple.of(keyHash, fingerprint, now.atOffset(ZoneOffset.UTC)))
                .chain(inserted -> {
                    if (inserted.rowCount() > 0) {
                        request.setProperty(KEY_HASH, keyHash);
                        return Uni.createFrom().nullItem();
                    }
                    return pool.preparedQuery("select * from idempotency_key where key_hash = $1").execute(Tuple.of(keyHash))
                            .chain(rows -> seenBefore(request, keyHash, fingerprint, rows.iterator().hasNext() ? rows.iterator().next() : null));
                });
    }

    private Uni<Response> seenBefore(ContainerRequestContext request, String keyHash, String fingerprint, Row row) {
        if (row == null) { // purged between the two statements: act
            request.setProperty(KEY_HASH, keyHash);
            return Uni.createFrom().nullItem();
        }
        Outcome outcome = IdempotencyRules.seenBefore(row.getString("fingerprint"), fingerprint, row.getValue("completed_at") != null,
                row.getOffsetDateTime("created_at").toInstant(), clock.instant());
        return switch (outcome) {
            case REPLAY -> Uni.createFrom().item(replay(row));
            case IN_PROGRESS -> Uni.createFrom().item(Response.fromResponse(ApiError.response(409, "request_in_progress",
                    "A request with this " + HEADER + " is still being answered; try again in a second.")).header("Retry-After", "1").build());
            case REUSED -> Uni.createFrom().item(ApiError.response(422, "idempotency_key_reused",
                    "This " + HEADER + " was used for another request; send a new key for a new request."));
            case PROCEED -> pool.preparedQuery("update idempotency_key set created_at = $2 where key_hash = $1 and completed_at is null")
                    .execute(Tuple.of(keyHash, clock.instant().atOffset(ZoneOffset.UTC)))
                    .invoke(() -> request.setProperty(KEY_HASH, keyHash)).replaceWith((Response) null);
        };
    }

    /** Keeps the first answer (not a server error, whose retry should act). */
    @ServerResponseFilter
    public Uni<Void> after(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(KEY_HASH) instanceof String keyHash)) {
            return Uni.createFrom().voidItem();
        }
        if (!IdempotencyRules.keep(response.getStatus())) {
            return pool.preparedQuery("delete from idempotency_key where key_hash = $1").execute(Tuple.of(keyHash)).replaceWithVoid();
        }
        String body;
        try {
            Object entity = response.getEntity();
            body = entity == null ? null : entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (Exception e) {
            LOG.warnf("the answer to a request with an %s could not be kept: %s", HEADER, e.getMessage());
            return pool.preparedQuery("delete from idempotency_key where key_hash = $1").execute(Tuple.of(keyHash)).replaceWithVoid();
        }
        MediaType type = response.getMediaType();
        return pool.preparedQuery("update idempotency_key set completed_at = $2, status = $3, content_type = $4, body = $5 "
                        + "where key_hash = $1")
                .execute(Tuple.of(keyHash, clock.instant().atOffset(ZoneOffset.UTC), response.getStatus(),
                        type == null ? null : type.toString(), body))
                .replaceWithVoid();
    }

    private static Response replay(Row row) {
        Response.ResponseBuilder answer = Response.status(row.getInteger("status")).header(REPLAYED, "true");
        String body = row.getString("body");
        if (body != null) {
            answer.entity(body).type(row.getString("content_type") == null ? MediaType.APPLICATION_JSON : row.getString("content_type"));
        }
        return answer.build();
    }
}
