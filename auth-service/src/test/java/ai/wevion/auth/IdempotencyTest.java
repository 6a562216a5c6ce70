package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Idempotency keys (issue 14, point 7): a POST the console retries after a
 * lost answer acts once and gets the first answer again; the key is per
 * caller, and one key serves one request.
 */
@QuarkusTest
class IdempotencyTest {

    @Test
    void aSignupRetriedWithItsKeyCreatesOneAccountAndGetsTheFirstAnswerAgain_A1() {
        String email = AuthApi.uniqueEmail("retry");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("email", email, "password", AuthApi.PASSWORD, "workspaceName", "Retry Media");

        Response first = signup(key, body);
        Response retry = signup(key, body);

        first.then().statusCode(201);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.<String>path("userId")).isEqualTo(first.path("userId"));
        assertThat(retry.<String>path("workspaceId")).isEqualTo(first.path("workspaceId"));
        assertThat(signup(UUID.randomUUID().toString(), body).then().statusCode(201).extract().<String>path("userId"))
                .as("a new key is a new signup: the address is taken, so it creates nothing (and does not say so)")
                .isNotEqualTo(first.path("userId"));
        AuthApi.login(email, AuthApi.PASSWORD);
    }

    @Test
    void anInvitationRetriedWithItsKeyIsMadeOnceAndTheKeyServesNoOtherRequest_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        String key = UUID.randomUUID().toString();
        String invitations = "/api/v1/workspaces/" + owner.workspaceId() + "/invitations";

        String first = invite(owner, key, invitations).then().statusCode(201).extract().path("invitationId");
        String again = invite(owner, key, invitations).then().statusCode(201).extract().path("invitationId");

        assertThat(again).isEqualTo(first);
        List<String> created = given().header("Authorization", owner.bearer()).get("/api/v1/admin/audit").then().statusCode(200)
                .extract().path("findAll { it.action == 'invitation.created' }.target");
        assertThat(created).containsExactly("invitation:" + first);
        given().header("Authorization", owner.bearer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("x"), "password", AuthApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members")
                .then().statusCode(422).body("error", equalTo("idempotency_key_reused"));
    }

    @Test
    void anotherCallersSameKeyIsTheirOwnAndABadKeyIsRefused_A7() {
        Login a = AuthApi.newWorkspaceOwner();
        Login b = AuthApi.newWorkspaceOwner();
        String key = UUID.randomUUID().toString();

        String fromA = invite(a, key, "/api/v1/workspaces/" + a.workspaceId() + "/invitations").then().statusCode(201)
                .extract().path("invitationId");
        String fromB = invite(b, key, "/api/v1/workspaces/" + b.workspaceId() + "/invitations").then().statusCode(201)
                .extract().path("invitationId");

        assertThat(fromB).isNotEqualTo(fromA);
        invite(a, "not a key", "/api/v1/workspaces/" + a.workspaceId() + "/invitations")
                .then().statusCode(400).body("error", equalTo("invalid_idempotency_key"));
    }

    private static Response signup(String key, Map<String, Object> body) {
        return given().header("Idempotency-Key", key).header("X-Forwarded-For", AuthApi.anAddress()).contentType(ContentType.JSON)
                .body(body).post("/api/v1/auth/signup");
    }

    private static Response invite(Login admin, String key, String path) {
        return given().header("Authorization", admin.bearer()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("invitee"), "role", "member")).post(path);
    }
}
