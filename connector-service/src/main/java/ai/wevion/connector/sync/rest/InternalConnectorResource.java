package ai.wevion.connector.sync.rest;

import ai.wevion.connector.sync.service.Gate;
import ai.wevion.connector.sync.service.GateService;
import ai.wevion.connector.sync.service.SyncScheduleService;
import ai.wevion.authclient.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.UUID;

/** For other services (service JWTs only): "may I act on this ad account?" (C5). */
@Path("/internal/v1")
@RolesAllowed(Caller.SERVICE)
public class InternalConnectorResource {

    private final GateService gates;
    private final SyncScheduleService scheduler;
    private final Caller caller;

    public InternalConnectorResource(GateService gates, SyncScheduleService scheduler, Caller caller) {
        this.gates = gates;
        this.scheduler = scheduler;
        this.caller = caller;
    }

    /** Every action is refused alike while the account's tokens are expired (C5), so {@code action} is only validated. */
    @GET
    @Path("/ad-accounts/{id}/gate")
    public Uni<Gate> gate(@PathParam("id") UUID id,
            @QueryParam("action") @NotNull @Pattern(regexp = "sync|publish|edit|rules", message = "must be sync, publish, edit or rules")
            String action) {
        caller.requireScope("gate:read");
        return gates.gate(id);
    }

    /** Runs the 15-minute scheduler now. */
    @POST
    @Path("/sync-schedule")
    public Uni<Map<String, Integer>> schedule() {
        caller.requireScope("sync-schedule:run");
        return scheduler.scheduleDue().map(n -> Map.of("requested", n));
    }
}
