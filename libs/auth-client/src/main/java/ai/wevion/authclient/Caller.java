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

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an admin or owner can do this.");
        }
    }
}
