package ai.wevion.notification;

import static io.restassured.RestAssured.given;

import ai.wevion.testing.TestJwts.User;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** The bell's API as the frontend uses it. */
final class Bell {

    private Bell() {
    }

    static List<Map<String, Object>> list(User user) {
        return given().header("Authorization", user.bearer()).get("/api/v1/notifications").then().statusCode(200).extract().path("");
    }

    static int unread(User user) {
        return given().header("Authorization", user.bearer()).get("/api/v1/notifications/unread-count").then().statusCode(200)
                .extract().path("count");
    }

    static Response read(User user, Object notificationId) {
        return given().header("Authorization", user.bearer()).post("/api/v1/notifications/" + notificationId + "/read");
    }

    static Response readAll(User user) {
        return given().header("Authorization", user.bearer()).post("/api/v1/notifications/read-all");
    }
}
