package ai.wevion.sim.credentials;

import ai.wevion.sim.control.CallStats;
import ai.wevion.sim.control.SimLatency;
import ai.wevion.sim.control.SimUser;
import ai.wevion.sim.control.SimUsers;
import ai.wevion.sim.oauth.OAuthTokens;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbrain Amplify under {@code /outbrain} (docs/providers.md): {@code /login}
 * with HTTP Basic answers {@code {"OB-TOKEN-V1": …}} (30 days), at most 2
 * logins per hour per user (429 beyond), and the marketers call with the
 * {@code OB-TOKEN-V1} header. A simulated user's username is its id, its
 * password {@code <id>-password}.
 */
@Path("/outbrain/amplify/v0.1")
public class OutbrainResource {

    private static final String PROVIDER = "outbrain";
    private static final long LIFETIME = Duration.ofDays(30).toSeconds();
    private static final int LOGINS_PER_HOUR = 2;

    private final SimUsers users;
    private final CallStats stats;
    private final SimLatency latency;
    private final OAuthTokens tokens = new OAuthTokens("ob-code-", "ob-", "ob-rt-");
    private final Map<String, Deque<Instant>> logins = new ConcurrentHashMap<>();

    public OutbrainResource(SimUsers users, CallStats stats, SimLatency latency) {
        this.users = users;
        this.stats = stats;
        this.latency = latency;
    }

    public Set<String> issued() {
        return tokens.issued();
    }

    @GET
    @Path("/login")
    public Uni<Response> login(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String[] credentials = basic(authorization);
        Optional<SimUser> user = credentials == null ? Optional.empty() : users.find(PROVIDER, credentials[0]);
        if (user.isEmpty() || !(credentials[0] + "-password").equals(credentials[1])) {
            return answer(error(401, "Unauthorized"));
        }
        stats.count(PROVIDER, "login", user.get().id());
        if (!allowLogin(user.get().id())) {
            return answer(error(429, "Too many login requests, the token is valid for 30 days: cache it"));
        }
        return answer(switch (user.get().takeFailure().mode()) {
            case NONE -> Response.ok(Map.of("OB-TOKEN-V1", tokens.issueAccess(user.get().id(), user.get().tokenLifetimeSeconds(LIFETIME))),
                    MediaType.APPLICATION_JSON).build();
            case RATE_LIMITED -> error(429, "Too many requests");
            case TRANSIENT, TIMEOUT -> error(500, "Internal error");
            default -> error(401, "Unauthorized"); // password changed or user removed
        });
    }

    @GET
    @Path("/marketers")
    public Uni<Response> marketers(@HeaderParam("OB-TOKEN-V1") String token) {
        Optional<OAuthTokens.Access> access = tokens.access(token);
        if (access.isEmpty() || access.get().expiresAt().isBefore(Instant.now())) {
            return answer(error(401, "Unauthorized"));
        }
        SimUser user = users.find(PROVIDER, access.get().userId()).orElseThrow();
        stats.count(PROVIDER, "marketers", user.id());
        return answer(Response.ok(Map.of("count", user.adAccounts().size(), "marketers", user.adAccounts().stream()
                .map(a -> Map.of("id", a.id(), "name", a.name(), "enabled", true)).toList()), MediaType.APPLICATION_JSON).build());
    }

    private synchronized boolean allowLogin(String userId) {
        Deque<Instant> recent = logins.computeIfAbsent(userId, k -> new ArrayDeque<>());
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        while (!recent.isEmpty() && recent.peekFirst().isBefore(hourAgo)) {
            recent.pollFirst();
        }
        if (recent.size() >= LOGINS_PER_HOUR) {
            return false;
        }
        recent.addLast(Instant.now());
        return true;
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("message", message)).build();
    }

    private Uni<Response> answer(Response response) {
        return latency.after(() -> response);
    }
}
