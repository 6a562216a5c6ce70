package ai.wevion.connector.health.rest;

import ai.wevion.connector.health.service.CardRules.AuditRow;
import ai.wevion.connector.health.service.CardRules.Banner;
import ai.wevion.connector.health.service.CardRules.Connector;
import ai.wevion.connector.health.service.ConnectorService;
import ai.wevion.connector.health.service.ConnectorStreamService;
import ai.wevion.authclient.Caller;
import ai.wevion.authclient.stream.LiveStreams;
import ai.wevion.authclient.stream.StreamTickets;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The connector cards, the dashboard banner (C1–C3), their live stream, and the monthly audit (C8). */
@Path("/api/v1")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class ConnectorResource {

    static final String STREAM_PATH = "/api/v1/connectors/stream";

    private final ConnectorService connectors;
    private final ConnectorStreamService streams;
    private final StreamTickets tickets;
    private final LiveStreams live;
    private final Caller caller;
    private final JsonWebToken jwt;

    public ConnectorResource(ConnectorService connectors, ConnectorStreamService streams, StreamTickets tickets, LiveStreams live,
            Caller caller, JsonWebToken jwt) {
        this.connectors = connectors;
        this.streams = streams;
        this.tickets = tickets;
        this.live = live;
        this.caller = caller;
        this.jwt = jwt;
    }

    @GET
    @Path("/connectors")
    public Uni<List<Connector>> connectors() {
        return connectors.connectors(workspaceId());
    }

    @GET
    @Path("/dashboard/banners")
    public Uni<List<Banner>> banners() {
        return connectors.banners(workspaceId());
    }

    /** A one-time ticket that opens {@link #stream} from a browser's EventSource, which cannot send a header. */
    @POST
    @Path("/connectors/stream-ticket")
    @ResponseStatus(201)
    public Uni<StreamTickets.Ticket> streamTicket() {
        return tickets.issue(jwt, STREAM_PATH);
    }

    /**
     * Server-sent events {@code connectors}: the cards and banners when the
     * stream opens and whenever they change, with a heartbeat comment between
     * them; opened with the session JWT or a stream ticket, ended with an
     * {@code end} event when the session ends or the JWT expires.
     */
    @GET
    @Path("/connectors/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return live.forSession(jwt, sse, streams.open(workspaceId(), lastEventId)
                .map(v -> sse.newEventBuilder().id(v.version()).name("connectors").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(v.snapshot()).build()));
    }

    @GET
    @Path("/admin/platform-users")
    public Uni<List<AuditRow>> audit() {
        caller.requireAdmin();
        return connectors.audit(workspaceId());
    }

    private UUID workspaceId() {
        return UUID.fromString(caller.workspaceId());
    }
}
