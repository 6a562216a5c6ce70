package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** token-service's public and internal API as the frontend and other services use it. */
final class TokenApi {

    private TokenApi() {
    }

    static User owner() {
        return TestJwts.newUser(UUID.randomUUID().toString(), "owner");
    }

    static User member(User of) {
        return TestJwts.newUser(of.workspaceId(), "member");
    }

    /** A simulated Meta user whose tokens live {@code lifetimeSeconds}, with one ad account. */
    static String metaUser(String name, long lifetimeSeconds) {
        return ProviderSimulator.newUser("meta", Map.of("name", name, "tokenLifetimeSeconds", lifetimeSeconds,
                "adAccounts", List.of(Map.of("id", String.valueOf(Math.abs(name.hashCode())), "name", name + " account"))));
    }

    /** The popup round trip: authorize, the provider's consent screen, the callback. */
    static Response connect(User user, String simUser, String mode, String platformUserId) {
        String state = authorize(user, mode, platformUserId);
        return callback(consent(state, simUser), state);
    }

    static Map<String, Object> connect(User user, String simUser) {
        Response r = connect(user, simUser, "connect", null);
        r.then().statusCode(200);
        return r.path("");
    }

    static String authorize(User user, String mode, String platformUserId) {
        var request = given().filter(Browser.COOKIES).header("Authorization", user.bearer()).queryParam("mode", mode);
        if (platformUserId != null) {
            request.queryParam("platformUserId", platformUserId);
        }
        Response r = request.get("/api/v1/connect/meta/authorize");
        r.then().statusCode(200);
        lastAuthorizeUrl = r.path("authorizeUrl");
        return r.path("state");
    }

    static String lastAuthorizeUrl;

    /** The consent screen answers at once with a redirect carrying the code. */
    static String consent(String state, String simUser) {
        URI authorize = URI.create(lastAuthorizeUrl);
        Response redirect = ProviderSimulator.sim().redirects().follow(false).urlEncodingEnabled(false)
                .get(authorize.getRawPath() + "?" + authorize.getRawQuery() + "&sim_user=" + simUser);
        redirect.then().statusCode(302);
        String query = URI.create(redirect.getHeader("Location")).getQuery();
        assertThat(query).contains("state=");
        return query.replaceAll(".*code=([^&]+).*", "$1");
    }

    static Response callback(String code, String state) {
        return given().filter(Browser.COOKIES).accept("application/json").queryParam("code", code).queryParam("state", state)
                .get("/api/v1/connect/meta/callback");
    }

    static Response platformUsers(User user) {
        return given().header("Authorization", user.bearer()).get("/api/v1/platform-users?platform=meta");
    }

    static Response sweep() {
        return given().header("Authorization", "Bearer " + TestJwts.service("scheduler")).post("/internal/v1/refresh-sweep");
    }

    static Response credential(String platformUserId) {
        return given().header("Authorization", "Bearer " + TestJwts.service("sync-worker"))
                .get("/internal/v1/credentials/" + platformUserId);
    }

    static Map<String, Object> platformUser(User user, String platformUserId) {
        List<Map<String, Object>> all = platformUsers(user).then().statusCode(200).extract().path("");
        return all.stream().filter(p -> platformUserId.equals(p.get("platformUserId"))).findFirst().orElse(null);
    }
}
