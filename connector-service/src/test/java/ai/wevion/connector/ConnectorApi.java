package ai.wevion.connector;

import static io.restassured.RestAssured.given;

import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** connector-service's API as the frontend and other services use it. */
final class ConnectorApi {

    private ConnectorApi() {
    }

    static Map<String, Object> metaConnector(User user) {
        List<Map<String, Object>> all = given().header("Authorization", user.bearer()).get("/api/v1/connectors")
                .then().statusCode(200).extract().path("");
        return all.stream().filter(c -> "meta".equals(c.get("platform"))).findFirst().orElseThrow();
    }

    static Response banners(User user) {
        return given().header("Authorization", user.bearer()).get("/api/v1/dashboard/banners");
    }

    static Response adAccounts(User user) {
        return given().header("Authorization", user.bearer()).get("/api/v1/ad-accounts?platform=meta");
    }

    static Response forceSync(User user, String adAccountId) {
        return given().header("Authorization", user.bearer()).post("/api/v1/ad-accounts/" + adAccountId + "/sync");
    }

    static Response gate(String adAccountId, String action) {
        return given().header("Authorization", "Bearer " + TestJwts.service("rules-engine"))
                .get("/internal/v1/ad-accounts/" + adAccountId + "/gate?action=" + action);
    }

    static int schedule() {
        return given().header("Authorization", "Bearer " + TestJwts.service("scheduler")).post("/internal/v1/sync-schedule")
                .then().statusCode(200).extract().path("requested");
    }

    static List<JsonPath> ofType(List<String> events, String type, String adAccountId) {
        return events.stream().map(JsonPath::from)
                .filter(e -> type.equals(e.getString("type")) && adAccountId.equals(e.getString("adAccountId")))
                .toList();
    }
}
