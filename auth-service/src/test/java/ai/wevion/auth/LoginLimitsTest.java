package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Login limits (issue 14, point 7): failures slow down one account from one
 * address, and one address across accounts; the address is the one the
 * gateway saw (X-Forwarded-For from a trusted proxy, here 127.0.0.1).
 */
@QuarkusTest
class LoginLimitsTest {

    @Test
    void anAttackerGuessingFromElsewhereCannotLockTheOwnerOut() {
        Login owner = AuthApi.newWorkspaceOwner();
        String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 6; i++) {
            login(owner.email(), "guess-" + i, attacker).then().statusCode(401);
        }
        login(owner.email(), AuthApi.PASSWORD, attacker).then().statusCode(429).body("error", equalTo("too_many_attempts"));

        login(owner.email(), AuthApi.PASSWORD, "198.51.100.7").then().statusCode(200);
    }

    @Test
    void sprayingManyAccountsFromOneAddressIsSlowedDown() {
        String sprayer = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 21; i++) {
            login("victim-" + UUID.randomUUID() + "@example.com", "Summer2026!", sprayer).then().statusCode(401);
        }
        Response next = login("victim-" + UUID.randomUUID() + "@example.com", "Summer2026!", sprayer);

        next.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        assertThat(Integer.parseInt(next.header("Retry-After"))).isPositive();
        Login someoneElse = AuthApi.newWorkspaceOwner();
        login(someoneElse.email(), AuthApi.PASSWORD, "198.51.100.8").then().statusCode(200);
    }

    @Test
    void anAddressAClientWritesItselfBeforeTheGatewaysIsIgnored() {
        String sprayer = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 21; i++) {
            login("victim-" + UUID.randomUUID() + "@example.com", "Summer2026!", "198.51.100." + i + ", " + sprayer).then().statusCode(401);
        }
        login("victim-" + UUID.randomUUID() + "@example.com", "Summer2026!", "198.51.100.99, " + sprayer).then().statusCode(429);
    }

    private static Response login(String email, String password, String forwardedFor) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }
}
