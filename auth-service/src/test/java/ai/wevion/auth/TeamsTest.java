package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import ai.wevion.auth.AuthApi.Login;
import ai.wevion.testing.EventContract;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Teams (issue 14, point 12; A7): one person in several workspaces with a
 * role in each, chosen per session; admins manage members and invite by a
 * one-time link; a workspace always keeps an owner.
 */
@QuarkusTest
class TeamsTest {

    @Test
    void anAgencyBuyerInvitedToASecondWorkspaceSwitchesToItAndGetsAJwtForItWithTheirRoleThere_A7() {
        Login clientA = AuthApi.newWorkspaceOwner();
        Login agency = AuthApi.newWorkspaceOwner();
        String link = invite(clientA, agency.email(), "member").path("link");
        assertThat(link).startsWith("http://127.0.0.1:8080/invite#token=");

        given().header("Authorization", agency.bearer()).contentType(ContentType.JSON).body(Map.of("token", token(link)))
                .post("/api/v1/invitations/accept").then().statusCode(200)
                .body("workspaceId", equalTo(clientA.workspaceId())).body("role", equalTo("member"));

        List<Map<String, Object>> mine = given().header("Authorization", agency.bearer()).get("/api/v1/workspaces")
                .then().statusCode(200).extract().path("");
        assertThat(mine).extracting(w -> w.get("workspaceId") + "/" + w.get("role") + "/" + w.get("current"))
                .containsExactlyInAnyOrder(agency.workspaceId() + "/owner/true", clientA.workspaceId() + "/member/false");

        Response switched = given().cookie(AuthApi.COOKIE, agency.cookie()).contentType(ContentType.JSON)
                .body(Map.of("workspaceId", clientA.workspaceId())).post("/api/v1/auth/workspace");
        switched.then().statusCode(200);
        Map<String, Object> claims = AuthApi.claims(switched.path("accessToken"));
        assertThat(claims).containsEntry("ws", clientA.workspaceId()).containsEntry("sub", agency.userId());
        assertThat(groups(claims)).containsExactly("member");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                AuthApi.me(agency.jwt()).then().statusCode(401).body("error", equalTo("session_expired")));
        assertThat(AuthApi.claims(AuthApi.login(agency.email(), AuthApi.PASSWORD).jwt()))
                .as("the next login opens the workspace chosen last").containsEntry("ws", clientA.workspaceId());
    }

    @Test
    void anInvitationLinkWorksOnceAndOnlyForTheAddressItWasSentTo_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login stranger = AuthApi.newWorkspaceOwner();
        String email = AuthApi.uniqueEmail("new");
        String token = token(invite(owner, email, "admin").path("link"));

        given().header("Authorization", stranger.bearer()).contentType(ContentType.JSON).body(Map.of("token", token))
                .post("/api/v1/invitations/accept").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", AuthApi.PASSWORD))
                .post("/api/v1/invitations/signup").then().statusCode(201).body("role", equalTo("admin"));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "password", AuthApi.PASSWORD))
                .post("/api/v1/invitations/signup").then().statusCode(410).body("error", equalTo("invitation_used"));

        Login joined = AuthApi.login(email, AuthApi.PASSWORD);
        assertThat(joined.workspaceId()).isEqualTo(owner.workspaceId());
        assertThat(groups(AuthApi.claims(joined.jwt()))).containsExactly("admin");
        given().contentType(ContentType.JSON).body(Map.of("token", "made-up", "password", AuthApi.PASSWORD))
                .post("/api/v1/invitations/signup").then().statusCode(404);
    }

    @Test
    void removingAMemberEndsTheirSessionsThereWithinASecondAndTheyCannotComeBack_A4_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        try (TopicProbe events = new TopicProbe("session-events")) {
            given().header("Authorization", owner.bearer()).delete(members(owner) + "/" + member.userId()).then().statusCode(204);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    AuthApi.me(member.jwt()).then().statusCode(401).body("error", equalTo("session_expired")));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains(member.userId()) && e.contains("MEMBER_REMOVED")));
            events.events().forEach(e -> EventContract.assertConforms("session-events", e));
        }
        AuthApi.refresh(member.cookie()).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("email", member.email(), "password", AuthApi.PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(403).body("error", equalTo("no_workspace"));
        given().header("Authorization", owner.bearer()).get(members(owner)).then().statusCode(200)
                .body("userId", not(hasItem(member.userId())));
    }

    @Test
    void aRoleChangeEndsTheMembersSessionsSoTheirNextJwtCarriesTheNewRole_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .patch(members(owner) + "/" + admin.userId()).then().statusCode(200).body("role", equalTo("member"));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                AuthApi.me(admin.jwt()).then().statusCode(401));
        Login again = AuthApi.login(admin.email(), AuthApi.PASSWORD);
        assertThat(groups(AuthApi.claims(again.jwt()))).containsExactly("member");
        given().header("Authorization", again.bearer()).get(members(owner)).then().statusCode(403);
    }

    @Test
    void anAdminCannotDemoteOrRemoveAnOwnerAndTheLastOwnerCannotLeave_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");

        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .patch(members(owner) + "/" + owner.userId()).then().statusCode(403);
        given().header("Authorization", admin.bearer()).delete(members(owner) + "/" + owner.userId()).then().statusCode(403);
        given().header("Authorization", owner.bearer()).delete(members(owner) + "/" + owner.userId())
                .then().statusCode(409).body("error", equalTo("last_owner"));
        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch(members(owner) + "/" + owner.userId()).then().statusCode(409).body("error", equalTo("last_owner"));

        given().header("Authorization", owner.bearer()).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .patch(members(owner) + "/" + admin.userId()).then().statusCode(200);
        given().header("Authorization", owner.bearer()).delete(members(owner) + "/" + owner.userId()).then().statusCode(204);
    }

    @Test
    void nobodyManagesAnotherWorkspacesMembers_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login other = AuthApi.newWorkspaceOwner();

        given().header("Authorization", other.bearer()).get(members(owner)).then().statusCode(404);
        given().header("Authorization", other.bearer()).delete(members(owner) + "/" + owner.userId()).then().statusCode(404);
        given().header("Authorization", other.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("x"), "role", "admin"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/invitations").then().statusCode(404);
        given().cookie(AuthApi.COOKIE, other.cookie()).contentType(ContentType.JSON).body(Map.of("workspaceId", owner.workspaceId()))
                .post("/api/v1/auth/workspace").then().statusCode(403);
    }

    private static Response invite(Login admin, String email, String role) {
        Response r = given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "role", role)).post("/api/v1/workspaces/" + admin.workspaceId() + "/invitations");
        r.then().statusCode(201);
        return r;
    }

    private static String token(String link) {
        return link.substring(link.indexOf("#token=") + "#token=".length());
    }

    @SuppressWarnings("unchecked")
    private static List<String> groups(Map<String, Object> claims) {
        return (List<String>) claims.get("groups");
    }

    private static String members(Login admin) {
        return "/api/v1/workspaces/" + admin.workspaceId() + "/members";
    }
}
