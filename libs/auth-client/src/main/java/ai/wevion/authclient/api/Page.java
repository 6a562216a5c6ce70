package ai.wevion.authclient.api;

import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list the console shows, newest first by (time, id). The body
 * stays the list the contract names; the next page's cursor travels in the
 * {@code X-Next-Cursor} header (absent on the last page), an opaque string
 * the client sends back as {@code ?cursor=}.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final String NEXT_CURSOR = "X-Next-Cursor";
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Where the previous page ended: the sort key and id of its last item. */
    public record Cursor(String key, UUID id) {

        public static Cursor at(Instant time, UUID id) {
            return new Cursor(time.toString(), id);
        }

        /** The sort key as a time, for lists ordered by time. */
        public Instant time() {
            try {
                return Instant.parse(key);
            } catch (RuntimeException e) {
                throw invalid();
            }
        }

        /** The cursor a client sent back, or null for the first page; a forged one is a 400. */
        public static Cursor parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int cut = decoded.lastIndexOf('\n');
                return new Cursor(decoded.substring(0, cut), UUID.fromString(decoded.substring(cut + 1)));
            } catch (RuntimeException e) {
                throw invalid();
            }
        }

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((key + "\n" + id).getBytes(StandardCharsets.UTF_8));
        }

        private static ApiException invalid() {
            return ApiException.badRequest("invalid_cursor", "cursor must be a value sent in X-Next-Cursor");
        }
    }

    /** A limit within 1..200 (50 when absent). */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /**
     * The page out of {@code limit + 1} rows read (the extra row only says
     * that there is more), its cursor taken from the last item kept.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> kept = rows.subList(0, limit);
        return new Page<>(List.copyOf(kept), position.apply(kept.get(limit - 1)).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    public Response toResponse() {
        Response.ResponseBuilder ok = Response.ok(items);
        return nextCursor == null ? ok.build() : ok.header(NEXT_CURSOR, nextCursor).build();
    }
}
