package ai.wevion.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** The public auth API as a browser would use it; every call is a real HTTP request. */
public final class AuthApi {

    public static final String COOKIE = "wevion_session";
    public static final String PASSWORD = "correct horse battery";

    private AuthApi() {
    }

    /** A logged-in browser: its session cookie and its current JWT. */
    public record Login(String userId, String workspaceId, String email, String cookie, String jwt) {
        public String bearer() {
            return "Bearer " + jwt;
        }
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs up a new workspace and logs its owner in. */
    public static Login newWorkspaceOwner() {
        String email = uniqueEmail("owner");
        Response signup = given().contentType(ContentType.JSON).header("X-Forwarded-For", anAddress())
                .body(Map.of("email", email, "password", PASSWORD, "workspaceName", "Acme Media"))
                .post("/api/v1/auth/signup");
        signup.then().statusCode(201);
        return login(email, PASSWORD);
    }

    /** A client address of its own, as the gateway forwards it: each test user signs up from their own place. */
    public static String anAddress() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    /** Adds a member with this role to the owner's workspace and logs them in. */
    public static Login newMember(Login admin, String role) {
        String email = uniqueEmail(role);
        given().contentType(ContentType.JSON).header("Authorization", admin.bearer())
                .body(Map.of("email", email, "password", PASSWORD, "role", role))
                .post("/api/v1/workspaces/" + admin.workspaceId() + "/members")
                .then().statusCode(201);
        return login(email, PASSWORD);
    }

    public static Login login(String email, String password) {
        Response response = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/v1/auth/login");
        response.then().statusCode(200);
        String jwt = response.path("accessToken");
        Map<String, Object> claims = claims(jwt);
        return new Login((String) claims.get("sub"), (String) claims.get("ws"), email, response.getCookie(COOKIE), jwt);
    }

    public static Response refresh(String cookie) {
        return given().cookie(COOKIE, cookie).post("/api/v1/auth/token");
    }

    public static Response me(String jwt) {
        return given().header("Authorization", "Bearer " + jwt).get("/api/v1/auth/me");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> claims(String jwt) {
        return part(jwt, 1);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> header(String jwt) {
        return part(jwt, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(String jwt, int index) {
        byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[index]);
        return io.restassured.path.json.JsonPath.from(new String(json)).getMap("");
    }
}
