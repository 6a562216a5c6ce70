package ai.wevion.auth;

import ai.wevion.testing.TopicProbe;
import ai.wevion.testing.EventContract;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminActionsTest {

    @Test
    void forcedLogoutMakesTheUsersOutstandingJwtFailWithinOneSecondAndIsAnnouncedOnSessionEvents_A4() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");
        String secondTab = AuthApi.refresh(member.cookie()).path("accessToken");
        AuthApi.me(member.jwt()).then().statusCode(200);

        try (TopicProbe events = new TopicProbe("session-events")) {
            given().header("Authorization", owner.bearer())
                    .post("/api/v1/admin/users/" + member.userId() + "/logout").then().statusCode(204);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                AuthApi.me(member.jwt()).then().statusCode(401).body("error", equalTo("session_expired"));
                AuthApi.me(secondTab).then().statusCode(401).body("error", equalTo("session_expired"));
            });
            AuthApi.refresh(member.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains("\"SESSION_REVOKED\"") && e.contains(member.userId()) && e.contains("FORCED_LOGOUT")));
            events.events().forEach(e -> EventContract.assertConforms("session-events", e));
        }
        AuthApi.me(owner.jwt()).then().statusCode(200);
    }

    @Test
    void aMemberCannotCallAdminEndpoints_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        given().header("Authorization", member.bearer()).post("/api/v1/admin/users/" + owner.userId() + "/logout")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("Authorization", member.bearer()).contentType(ContentType.JSON)
                .body(Map.of("userId", owner.userId())).post("/api/v1/admin/impersonate")
                .then().statusCode(403).body("error", equalTo("forbidden"));
        given().header("Authorization", member.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("x"), "password", AuthApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members")
                .then().statusCode(403);
        AuthApi.me(owner.jwt()).then().statusCode(200);
    }

    @Test
    void anAdminCanAddMembersButOnlyAnOwnerCanAddAnOwner_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");

        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("m"), "password", AuthApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(201);
        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("o"), "password", AuthApi.PASSWORD, "role", "owner"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(403);
        assertThat(AuthApi.claims(admin.jwt()).get("groups")).asList().containsExactly("admin");
    }

    @Test
    void workspaceACannotReachWorkspaceB() {
        Login ownerA = AuthApi.newWorkspaceOwner();
        Login ownerB = AuthApi.newWorkspaceOwner();
        Login memberB = AuthApi.newMember(ownerB, "member");

        given().header("Authorization", ownerA.bearer()).post("/api/v1/admin/users/" + memberB.userId() + "/logout")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", ownerA.bearer()).contentType(ContentType.JSON)
                .body(Map.of("userId", memberB.userId())).post("/api/v1/admin/impersonate")
                .then().statusCode(404);
        given().header("Authorization", ownerA.bearer()).contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("intruder"), "password", AuthApi.PASSWORD, "role", "admin"))
                .post("/api/v1/workspaces/" + ownerB.workspaceId() + "/members")
                .then().statusCode(404);
        given().header("Authorization", ownerA.bearer()).get("/api/v1/admin/impersonations")
                .then().statusCode(200).body("", hasSize(0));
        AuthApi.me(memberB.jwt()).then().statusCode(200);
    }

    @Test
    void impersonationCarriesTheAdminInActIsAuditedAndEndsWithTheAdminLoggingInAgain_A5() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        Response impersonation = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("userId", member.userId())).post("/api/v1/admin/impersonate");

        impersonation.then().statusCode(200).body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(3600));
        String jwt = impersonation.path("accessToken");
        Map<String, Object> claims = AuthApi.claims(jwt);
        assertThat(claims.get("sub")).isEqualTo(member.userId());
        assertThat(claims.get("act")).isEqualTo(Map.of("sub", owner.userId()));
        AuthApi.me(jwt).then().statusCode(200).body("impersonatorId", equalTo(owner.userId()));

        String impersonationCookie = impersonation.getCookie(AuthApi.COOKIE);
        AuthApi.refresh(impersonationCookie).then().statusCode(200);
        AuthApi.refresh(owner.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));

        given().cookie(AuthApi.COOKIE, impersonationCookie).post("/api/v1/auth/logout").then().statusCode(204);
        AuthApi.refresh(impersonationCookie).then().statusCode(401);
        Login ownerAgain = AuthApi.login(owner.email(), AuthApi.PASSWORD);
        given().header("Authorization", ownerAgain.bearer()).get("/api/v1/admin/impersonations").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].adminId", equalTo(owner.userId()))
                .body("[0].userId", equalTo(member.userId()))
                .body("[0].endedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anAdminCannotImpersonateOrLogOutTheOwner_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");

        given().header("Authorization", admin.bearer()).contentType(ContentType.JSON)
                .body(Map.of("userId", owner.userId())).post("/api/v1/admin/impersonate").then().statusCode(403);
        given().header("Authorization", admin.bearer()).post("/api/v1/admin/users/" + owner.userId() + "/logout")
                .then().statusCode(403);
    }
}
