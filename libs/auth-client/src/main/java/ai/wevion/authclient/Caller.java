package ai.wevion.authclient;

import ai.wevion.authclient.api.ApiException;
import jakarta.json.JsonObject;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, read from the verified session JWT. */
@RequestScoped
public class Caller {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    /** The role of service-to-service JWTs (client-credentials grant). */
    public static final String SERVICE = "service";

    private final JsonWebToken jwt;

    public Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String userId() {
        return jwt.getSubject();
    }

    public String workspaceId() {
        return jwt.getClaim("ws");
    }

    public String sessionId() {
        return jwt.getClaim("sid");
    }

    public String role() {
        return jwt.getGroups().stream().findFirst().orElse(MEMBER);
    }

    public boolean isAdmin() {
        return jwt.getGroups().contains(OWNER) || jwt.getGroups().contains(ADMIN);
    }

    /** The admin acting as this user, when the JWT comes from impersonation (A5). */
    public String impersonatorId() {
        Object act = jwt.getClaim("act");
        return act instanceof JsonObject object && object.containsKey("sub") ? object.getString("sub") : null;
    }

    /** Another workspace's data answers 404, never the data (docs/contract.md). */
    public void requireWorkspace(String workspaceId) {
        if (!workspaceId().equals(workspaceId)) {
            throw ApiException.notFound("Workspace");
        }
    }

    /**
     * A service JWT must hold this scope for the endpoint (e.g.
     * {@code credentials:read}): 403 {@code insufficient_scope} otherwise.
     * Which client holds which scope: docs/contracts/service-clients.json.
     */
    public void requireScope(String scope) {
        Object granted = jwt.getClaim("scope");
        String scopes = granted == null ? "" : granted.toString();
        if (!java.util.Arrays.asList(scopes.split(" ")).contains(scope)) {
            throw new ApiException(403, "insufficient_scope", "This client's token does not hold the scope " + scope + ".");
        }
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an admin or owner can do this.");
        }
    }
}
