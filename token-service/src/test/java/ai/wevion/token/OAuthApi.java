package ai.wevion.token;

import static io.restassured.RestAssured.given;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Connecting a standard OAuth 2.0 provider of the catalog as the frontend's popup does, against the simulator. */
final class OAuthApi {

    private OAuthApi() {
    }

    /** A simulated user of {@code simProvider} with one ad account. */
    static String simUser(String simProvider, String name, String adAccountId) {
        return ProviderSimulator.newUser(simProvider, Map.of("name", name,
                "adAccounts", List.of(Map.of("id", adAccountId, "name", name + " account"))));
    }

    static Response authorize(User user, String platform) {
        return authorize(user, platform, "connect", null);
    }

    static Response authorize(User user, String platform, String mode, String platformUserId) {
        var request = given().filter(Browser.COOKIES).header("Authorization", user.bearer()).queryParam("mode", mode);
        if (platformUserId != null) {
            request.queryParam("platformUserId", platformUserId);
        }
        Response r = request.get("/api/v1/connect/" + platform + "/authorize");
        r.then().statusCode(200);
        return r;
    }

    static String connect(User user, String platform, String simUser) {
        return (String) callback(platform, authorize(user, platform).path("authorizeUrl"), simUser).get("platformUserId");
    }

    static Map<String, Object> callback(String platform, String authorizeUrl, String simUser) {
        Response r = given().filter(Browser.COOKIES).accept("application/json").queryParam("code", consent(authorizeUrl, simUser))
                .queryParam("state", state(authorizeUrl)).get("/api/v1/connect/" + platform + "/callback");
        r.then().statusCode(200);
        return r.path("");
    }

    static String consent(String authorizeUrl, String simUser) {
        URI authorize = URI.create(authorizeUrl);
        Response redirect = ProviderSimulator.sim().redirects().follow(false).urlEncodingEnabled(false)
                .get(authorize.getRawPath() + "?" + authorize.getRawQuery() + "&sim_user=" + simUser);
        redirect.then().statusCode(302);
        return URI.create(redirect.getHeader("Location")).getQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    static String state(String authorizeUrl) {
        return java.net.URLDecoder.decode(authorizeUrl.replaceAll(".*[?&]state=([^&]+).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Map<String, Object> platformUser(User user, String platformUserId) {
        List<Map<String, Object>> all = given().header("Authorization", user.bearer()).get("/api/v1/platform-users")
                .then().statusCode(200).extract().path("");
        return all.stream().filter(p -> platformUserId.equals(p.get("platformUserId"))).findFirst().orElseThrow();
    }
}
