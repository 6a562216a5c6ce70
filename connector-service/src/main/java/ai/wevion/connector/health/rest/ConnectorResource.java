package ai.wevion.connector.health.rest;

import ai.wevion.connector.health.service.HealthQueries;
import ai.wevion.connector.health.service.HealthQueries.PlatformUserRow;
import ai.wevion.connector.health.service.PlatformNames;
import ai.wevion.session.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The connector cards at /connect/{platform} and the dashboard banner (C1–C3). */
@Path("/api/v1")
@RolesAllowed({Caller.OWNER, Caller.ADMIN, Caller.MEMBER})
public class ConnectorResource {

    public static final String CONNECTED = "Connected";
    public static final String EXPIRED = "Token expired — Reconnect";

    public record Card(String platformUserId, String displayName, String card, String message, Instant lastRefreshAt,
            boolean stale) {
    }

    public record Connector(String platform, String badge, String status, List<Card> platformUsers) {
    }

    public record Banner(String platform, String message) {
    }

    public record AuditRow(String platformUserId, String platform, String displayName, String status, String reason,
            Instant expiresAt, Instant lastRefreshAt) {
    }

    private final HealthQueries queries;
    private final Caller caller;

    public ConnectorResource(HealthQueries queries, Caller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @Path("/connectors")
    public Uni<List<Connector>> connectors() {
        return queries.platformUsers(UUID.fromString(caller.workspaceId())).map(users -> {
            List<Connector> connectors = new ArrayList<>();
            for (String platform : PlatformNames.DISPLAY.keySet()) {
                List<Card> cards = users.stream().filter(u -> u.platform().equals(platform)).map(ConnectorResource::card).toList();
                boolean anyExpired = cards.stream().anyMatch(c -> c.card().equals("yellow"));
                String badge = cards.isEmpty() ? "grey" : anyExpired ? "yellow" : "green";
                String status = cards.isEmpty() ? "NOT_CONNECTED" : anyExpired ? "NEEDS_ATTENTION" : "CONNECTED";
                connectors.add(new Connector(platform, badge, status, cards));
            }
            return connectors;
        });
    }

    /** "Meta connection needs attention" while any Meta user is unhealthy; likewise every platform. */
    @GET
    @Path("/dashboard/banners")
    public Uni<List<Banner>> banners() {
        return queries.platformUsers(UUID.fromString(caller.workspaceId())).map(users -> users.stream()
                .filter(u -> !"ACTIVE".equals(u.status()))
                .map(PlatformUserRow::platform)
                .distinct()
                .map(p -> new Banner(p, PlatformNames.of(p) + " connection needs attention"))
                .toList());
    }

    /** The monthly audit (C8): platform users with stale or expired tokens, for admins. */
    @GET
    @Path("/admin/platform-users")
    public Uni<List<AuditRow>> audit() {
        caller.requireAdmin();
        return queries.platformUsers(UUID.fromString(caller.workspaceId())).map(users -> users.stream()
                .filter(PlatformUserRow::stale)
                .map(u -> new AuditRow(u.platformUserId(), u.platform(), u.displayName(), u.status(), u.reason(), u.expiresAt(),
                        u.lastRefreshAt()))
                .toList());
    }

    private static Card card(PlatformUserRow u) {
        boolean healthy = "ACTIVE".equals(u.status());
        return new Card(u.platformUserId(), u.displayName(), healthy ? "green" : "yellow", healthy ? CONNECTED : EXPIRED,
                u.lastRefreshAt(), u.stale());
    }
}
