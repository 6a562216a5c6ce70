package ai.wevion.notification.alert.rest;

import ai.wevion.notification.alert.repository.NotificationView;
import ai.wevion.notification.alert.repository.Reader;
import ai.wevion.notification.alert.service.NotificationService;
import ai.wevion.notification.alert.service.NotificationStreamService;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.api.ApiException;
import ai.wevion.authclient.api.Page;
import ai.wevion.authclient.api.Page.Cursor;
import ai.wevion.authclient.stream.LiveStreams;
import ai.wevion.authclient.stream.StreamTickets;
import jakarta.ws.rs.core.Response;
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
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The bell (N1–N4, N6): list, unread count, read, read-all, and the live stream every open tab follows. */
@Path("/api/v1/notifications")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class NotificationResource {

    static final String STREAM_PATH = "/api/v1/notifications/stream";

    /** What each stream event carries. */
    public record StreamData(NotificationView notification, long unreadCount) {
    }

    private final NotificationService bell;
    private final NotificationStreamService streams;
    private final Caller caller;
    private final JsonWebToken jwt;
    private final StreamTickets tickets;
    private final LiveStreams live;

    public NotificationResource(NotificationService bell, NotificationStreamService streams, Caller caller, JsonWebToken jwt,
            StreamTickets tickets, LiveStreams live) {
        this.tickets = tickets;
        this.live = live;
        this.bell = bell;
        this.streams = streams;
        this.caller = caller;
        this.jwt = jwt;
    }

    /** Newest first, a page at a time: the next page's cursor is in {@code X-Next-Cursor}. */
    @GET
    public Uni<Response> list(@QueryParam("unread") boolean unread, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return bell.list(reader(), unread, Cursor.parse(cursor), Page.limit(limit)).map(Page::toResponse);
    }

    @GET
    @Path("/unread-count")
    public Uni<Map<String, Long>> unreadCount() {
        return bell.unreadCount(reader()).map(count -> Map.of("count", count));
    }

    @POST
    @Path("/{id}/read")
    @ResponseStatus(204)
    public Uni<Void> read(@PathParam("id") UUID id) {
        return bell.markRead(reader(), id);
    }

    @POST
    @Path("/read-all")
    @ResponseStatus(204)
    public Uni<Void> readAll() {
        return bell.readAll(reader());
    }

    /** A one-time ticket that opens {@link #stream} from a browser's EventSource, which cannot send a header. */
    @POST
    @Path("/stream-ticket")
    @ResponseStatus(201)
    public Uni<StreamTickets.Ticket> streamTicket() {
        return tickets.issue(jwt, STREAM_PATH);
    }

    /**
     * Server-sent events: each new or changed notification with the unread
     * count, live, and a heartbeat comment between them. Opened with the
     * session JWT or a stream ticket. A reconnecting browser sends
     * {@code Last-Event-ID} (or {@code ?lastEventId=} with a new ticket) and
     * misses nothing. Ends with an {@code end} event when the session ends
     * (A3, A4) or the JWT expires; the page then reopens it with a fresh one.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("lastEventId") String lastEventIdParam, @Context Sse sse) {
        Long from = parse(lastEventId != null ? lastEventId : lastEventIdParam);
        return live.forSession(jwt, sse, streams.open(reader(), from)
                .map(e -> sse.newEventBuilder().id(Long.toString(e.seq())).name("notification")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(new StreamData(e.notification(), e.unreadCount())).build()));
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
