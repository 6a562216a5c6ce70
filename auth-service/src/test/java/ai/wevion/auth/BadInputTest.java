package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.wevion.auth.AuthApi.Login;
import ai.wevion.testing.BadInputSweep;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input answers a clear 4xx {error, message}: never a 500, never a stack trace. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void malformedJsonIs400() {
        Response r = given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/v1/auth/signup");
        assertReadable(r, 400, "malformed_json");
    }

    @Test
    void missingAndInvalidFieldsAre400NamingTheField() {
        Response missing = given().contentType(ContentType.JSON).body(Map.of("email", "a@b.co")).post("/api/v1/auth/signup");
        assertReadable(missing, 400, "validation_failed");
        assertThat(missing.<String>path("message")).contains("password").contains("workspaceName");

        Response badEmail = given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", AuthApi.PASSWORD, "workspaceName", "W"))
                .post("/api/v1/auth/signup");
        assertReadable(badEmail, 400, "validation_failed");
    }

    @Test
    void wronglyTypedFieldsAre400() {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"email\": {\"x\": 1}, \"password\": [1], \"workspaceName\": \"W\"}").post("/api/v1/auth/signup");
        assertReadable(r, 400, "malformed_json");

        Login owner = AuthApi.newWorkspaceOwner();
        Response badRole = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("r"), "password", AuthApi.PASSWORD, "role", "superuser"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members");
        assertReadable(badRole, 400, "malformed_json");
    }

    @Test
    void anOversizedBodyIs413() {
        String huge = "x".repeat(200_000);
        Response r = given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@b.co\", \"password\": \"" + huge + "\", \"workspaceName\": \"W\"}")
                .post("/api/v1/auth/signup");
        assertReadable(r, 413, "payload_too_large");
    }

    @Test
    void anEmptyBodyAndAnUnknownWorkspaceAre4xx() {
        assertReadable(given().contentType(ContentType.JSON).post("/api/v1/auth/login"), 400, "validation_failed");

        Login owner = AuthApi.newWorkspaceOwner();
        Response unknown = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("u"), "password", AuthApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/00000000-0000-0000-0000-000000000000/members");
        assertReadable(unknown, 404, "not_found");
        Response notAUuid = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("u"), "password", AuthApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/not-a-uuid/members");
        assertThat(notAUuid.statusCode()).isBetween(400, 404);
    }

    @Test
    void everyEndpointAnswersMalformedWronglyTypedOversizedAndOddInputWithout5xxOrAnErrorLog() {
        Login owner = AuthApi.newWorkspaceOwner();
        assertThat(BadInputSweep.sweep(base, owner.jwt())).isEmpty();
    }

    private static void assertReadable(Response r, int status, String error) {
        r.then().statusCode(status).contentType(ContentType.JSON).body("error", equalTo(error)).body("message", notNullValue());
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at io.").doesNotContain("at ai.");
    }
}
