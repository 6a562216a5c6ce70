package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signup does not tell who is registered (issue 14, point 7; A1): an address
 * that has an account gets the answer a new one gets and nothing is created;
 * and one client address can sign up only so often, so that signups cannot
 * probe many addresses.
 */
@QuarkusTest
class SignupPrivacyTest {

    @Test
    void signingUpWithARegisteredAddressAnswersAsForANewOneAndChangesNothing_A1() {
        Login owner = AuthApi.newWorkspaceOwner();
        String address = AuthApi.anAddress();

        Response taken = signup(owner.email().toUpperCase(), "another password", address);
        Response fresh = signup(AuthApi.uniqueEmail("fresh"), "another password", address);

        taken.then().statusCode(201).body("userId", notNullValue()).body("workspaceId", notNullValue());
        fresh.then().statusCode(201);
        assertThat(taken.jsonPath().getMap("").keySet()).isEqualTo(fresh.jsonPath().getMap("").keySet());
        assertThat(taken.<String>path("userId")).isNotEqualTo(owner.userId());
        // nothing changed for the owner: their password, their one workspace
        Login again = AuthApi.login(owner.email(), AuthApi.PASSWORD);
        List<String> workspaces = given().header("Authorization", again.bearer()).get("/api/v1/workspaces").then().statusCode(200)
                .extract().path("workspaceId");
        assertThat(workspaces).containsExactly(owner.workspaceId());
        given().contentType(ContentType.JSON).body(Map.of("email", owner.email(), "password", "another password"))
                .post("/api/v1/auth/login").then().statusCode(401).body("error", equalTo("invalid_credentials"));
    }

    @Test
    void oneAddressSignsUpTwentyTimesAnHourThenWaitsWhileOthersDoNot_A1() {
        String address = AuthApi.anAddress();
        for (int i = 0; i < 20; i++) {
            signup(AuthApi.uniqueEmail("probe"), AuthApi.PASSWORD, address).then().statusCode(201);
        }

        Response refused = signup(AuthApi.uniqueEmail("probe"), AuthApi.PASSWORD, address);

        refused.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        signup(AuthApi.uniqueEmail("neighbour"), AuthApi.PASSWORD, AuthApi.anAddress()).then().statusCode(201);
    }

    private static Response signup(String email, String password, String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password, "workspaceName", "Probe")).post("/api/v1/auth/signup");
    }
}
