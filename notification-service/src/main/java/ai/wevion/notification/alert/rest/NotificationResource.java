package ai.wevion.notification.alert.rest;

import ai.wevion.notification.alert.service.NotificationQueries;
import ai.wevion.notification.alert.service.NotificationQueries.Reader;
import ai.wevion.notification.alert.service.NotificationStreams;
import ai.wevion.notification.alert.service.NotificationView;
import ai.wevion.session.Caller;
import ai.wevion.session.api.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The bell (N1–N4, N6): list, unread count, read, read-all, and the live stream every open tab follows. */
@Path("/api/v1/notifications")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class NotificationResource {

    /** What each stream event carries. */
    public record StreamData(NotificationView notification, long unreadCount) {
    }

    private final NotificationQueries queries;
    private final NotificationStreams streams;
    private final Caller caller;
    private final JsonWebToken jwt;

    public NotificationResource(NotificationQueries queries, NotificationStreams streams, Caller caller, JsonWebToken jwt) {
        this.queries = queries;
        this.streams = streams;
        this.caller = caller;
        this.jwt = jwt;
    }

    @GET
    public Uni<List<NotificationView>> list(@QueryParam("unread") boolean unread) {
        return queries.list(reader(), unread);
    }

    @GET
    @Path("/unread-count")
    public Uni<Map<String, Long>> unreadCount() {
        return queries.unreadCount(reader()).map(count -> Map.of("count", count));
    }

    @POST
    @Path("/{id}/read")
    @ResponseStatus(204)
    public Uni<Void> read(@PathParam("id") UUID id) {
        return queries.markRead(reader(), id);
    }

    @POST
    @Path("/read-all")
    @ResponseStatus(204)
    public Uni<Void> readAll() {
        return queries.readAll(reader());
    }

    /**
     * Server-sent events: each new or changed notification with the unread
     * count, live. A reconnecting browser sends {@code Last-Event-ID} and
     * misses nothing. The stream ends when the session JWT expires; the
     * client reconnects with a fresh one.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(jwt.getExpirationTime()));
        return streams.open(reader(), parse(lastEventId))
                .select().first(left.isNegative() ? Duration.ZERO : left)
                .map(e -> sse.newEventBuilder().id(Long.toString(e.seq())).name("notification")
                        .data(new StreamData(e.notification(), e.unreadCount())).build());
    }

    private static Long parse(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_last_event_id", "Last-Event-ID must be a number sent by this stream");
        }
    }

    private Reader reader() {
        return new Reader(UUID.fromString(caller.workspaceId()), UUID.fromString(caller.userId()), caller.isAdmin());
    }
}
