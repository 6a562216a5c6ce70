package ai.wevion.sim.control;

import ai.wevion.sim.meta.MetaControl;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.ResponseStatus;

/** The control API the tests and benchmarks drive (CONTRACT "Provider simulator"). */
@Path("/sim")
public class SimControlResource {

    public record NewUser(@NotBlank String name, @Min(1) Long tokenLifetimeSeconds, @Min(1) Long dataAccessSeconds,
            List<SimUser.AdAccount> adAccounts) {
    }

    public record Created(String externalUserId) {
    }

    public record Failure(@NotNull FailureMode mode, @Min(0) Integer count, Integer code) {
    }

    public record Settings(@NotNull @Min(0) Long latencyMs) {
    }

    public record Stats(Map<String, Long> calls) {
    }

    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final MetaControl meta;

    public SimControlResource(SimUsers users, CallStats stats, SimLatency latency, MetaControl meta) {
        this.users = users;
        this.stats = stats;
        this.latency = latency;
        this.meta = meta;
    }

    @POST
    @Path("/{provider}/users")
    @ResponseStatus(201)
    public Created createUser(@PathParam("provider") @Pattern(regexp = "[a-z-]+") String provider, @Valid @NotNull NewUser request) {
        SimUser user = users.create(provider, request.name(), request.tokenLifetimeSeconds(), request.dataAccessSeconds(),
                request.adAccounts() == null ? List.of() : request.adAccounts());
        return new Created(user.id());
    }

    @POST
    @Path("/{provider}/users/{id}/failure")
    @ResponseStatus(204)
    public void fail(@PathParam("provider") String provider, @PathParam("id") String id, @Valid @NotNull Failure request) {
        SimUser user = users.find(provider, id).orElseThrow(() -> new NotFoundException("no such user"));
        user.failWith(request.mode(), request.count(), request.code());
    }

    /** Every token the provider issued so far (for the tests' leak scans); Meta only for now. */
    @GET
    @Path("/{provider}/issued-tokens")
    public Set<String> issuedTokens(@PathParam("provider") String provider) {
        requireMeta(provider);
        return meta.issuedTokens();
    }

    /** The user removes the app in Facebook: Meta posts a signed_request to the app's callback URL. */
    @POST
    @Path("/{provider}/users/{id}/deauthorize")
    public Uni<MetaControl.Delivered> deauthorize(@PathParam("provider") String provider, @PathParam("id") String id,
            @Valid @NotNull MetaControl.Deauthorize request) {
        requireMeta(provider);
        return meta.deauthorize(id, request);
    }

    /** Benchmarks: many users at once, each already holding a long-lived token (Meta only). */
    @POST
    @Path("/{provider}/bulk-users")
    public List<MetaControl.UserWithToken> bulkUsers(@PathParam("provider") String provider, @Valid @NotNull Bulk request) {
        requireMeta(provider);
        return meta.bulkUsers(request.count(), request.tokenLifetimeSeconds());
    }

    public record Bulk(@NotNull @Min(1) @jakarta.validation.constraints.Max(200_000) Integer count, @Min(1) Long tokenLifetimeSeconds) {
    }

    private static void requireMeta(String provider) {
        if (!"meta".equals(provider)) {
            throw new NotFoundException("only the Meta simulator has this");
        }
    }

    @POST
    @Path("/settings")
    @ResponseStatus(204)
    public void settings(@Valid @NotNull Settings request) {
        latency.set(request.latencyMs());
    }

    @GET
    @Path("/stats")
    public Stats stats() {
        return new Stats(stats.snapshot());
    }

    @DELETE
    @Path("/stats")
    @ResponseStatus(204)
    public void resetStats() {
        stats.reset();
    }
}
