package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import ai.wevion.system.SystemApi.User;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The session JWT (article 2, type 1) as every service sees it: refresh, forced logout, impersonation, roles. */
class SessionScenariosTest {

    private static final Map<String, String> A_PAGE_OF_EACH_SERVICE = Map.of(WevionSystem.TOKEN, "/api/v1/platform-users",
            WevionSystem.CONNECTOR, "/api/v1/connectors", WevionSystem.NOTIFICATION, "/api/v1/notifications");

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void aLiveSessionGivesAFreshOneHourJwtThatEveryServiceAccepts_A1_A2() {
        User buyer = SystemApi.signUp();

        Response refreshed = given().baseUri(WevionSystem.AUTH).cookie("wevion_session", buyer.cookie()).post("/api/v1/auth/token");

        refreshed.then().statusCode(200).body("expiresIn", equalTo(3600)).body("sessionExpiresAt", notNullValue());
        String jwt = refreshed.path("accessToken");
        JsonPath claims = claims(jwt);
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);
        A_PAGE_OF_EACH_SERVICE.forEach((service, page) ->
                given().baseUri(service).header("Authorization", "Bearer " + jwt).get(page).then().statusCode(200));
    }

    @Test
    void removingAMemberEndsTheirSessionsInEveryServiceWithinASecondWhileTheirOtherWorkspaceStays_A4_A7() {
        User agency = SystemApi.signUp();
        User client = SystemApi.signUp();
        String link = client.at(WevionSystem.AUTH).contentType(ContentType.JSON).body(Map.of("email", agency.email(), "role", "admin"))
                .post("/api/v1/workspaces/" + client.workspaceId() + "/invitations").then().statusCode(201).extract().path("link");
        agency.at(WevionSystem.AUTH).contentType(ContentType.JSON).body(Map.of("token", link.substring(link.indexOf("#token=") + 7)))
                .post("/api/v1/invitations/accept").then().statusCode(200);
        Response switched = given().baseUri(WevionSystem.AUTH).cookie("wevion_session", agency.cookie()).contentType(ContentType.JSON)
                .body(Map.of("workspaceId", client.workspaceId())).post("/api/v1/auth/workspace");
        String inClient = switched.then().statusCode(200).extract().path("accessToken");
        A_PAGE_OF_EACH_SERVICE.forEach((service, page) ->
                given().baseUri(service).header("Authorization", "Bearer " + inClient).get(page).then().statusCode(200));

        client.at(WevionSystem.AUTH).delete("/api/v1/workspaces/" + client.workspaceId() + "/members/" + agency.userId())
                .then().statusCode(204);

        A_PAGE_OF_EACH_SERVICE.forEach((service, page) -> await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> given().baseUri(service).header("Authorization", "Bearer " + inClient).get(page)
                        .then().statusCode(401).body("error", equalTo("session_expired"))));
        User back = SystemApi.login(agency.email());
        assertThat(back.workspaceId()).as("their own workspace is still theirs").isEqualTo(agency.workspaceId());
    }

    @Test
    void anAdminsForcedLogoutEndsTheUsersJwtInEveryServiceWithinASecond_A4_A6() {
        User owner = SystemApi.signUp();
        User member = SystemApi.member(owner, "member");
        member.at(WevionSystem.CONNECTOR).get("/api/v1/connectors").then().statusCode(200);

        owner.at(WevionSystem.AUTH).post("/api/v1/admin/users/" + member.userId() + "/logout").then().statusCode(204);

        A_PAGE_OF_EACH_SERVICE.forEach((service, page) -> await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> member.at(service).get(page).then().statusCode(401).body("error", equalTo("session_expired"))));
        given().baseUri(WevionSystem.AUTH).cookie("wevion_session", member.cookie()).post("/api/v1/auth/token")
                .then().statusCode(401).body("error", equalTo("session_expired"));
        owner.at(WevionSystem.CONNECTOR).get("/api/v1/connectors").then().statusCode(200);
    }

    @Test
    void anImpersonatingAdminActsAsTheUserEverywhereAndLogsInAgainAsThemselvesAfterwards_A5() {
        User owner = SystemApi.signUp();
        User member = SystemApi.member(owner, "member");

        Response impersonation = owner.at(WevionSystem.AUTH).contentType(ContentType.JSON).body(Map.of("userId", member.userId()))
                .post("/api/v1/admin/impersonate");

        impersonation.then().statusCode(200);
        String jwt = impersonation.path("accessToken");
        assertThat(claims(jwt).getString("sub")).isEqualTo(member.userId());
        assertThat(claims(jwt).getString("act.sub")).isEqualTo(owner.userId());
        A_PAGE_OF_EACH_SERVICE.forEach((service, page) ->
                given().baseUri(service).header("Authorization", "Bearer " + jwt).get(page).then().statusCode(200));

        given().baseUri(WevionSystem.AUTH).cookie("wevion_session", impersonation.getCookie("wevion_session")).post("/api/v1/auth/logout")
                .then().statusCode(204);
        User ownerAgain = SystemApi.login(owner.email());
        assertThat(ownerAgain.userId()).isEqualTo(owner.userId());
        ownerAgain.at(WevionSystem.AUTH).get("/api/v1/admin/impersonations").then().statusCode(200)
                .body("[0].userId", equalTo(member.userId())).body("[0].endedAt", notNullValue());
    }

    @Test
    void membersCannotManageTheWorkspaceOrItsIntegrationsButAdminsCan_A7_T8() {
        User owner = SystemApi.signUp();
        User admin = SystemApi.member(owner, "admin");
        User member = SystemApi.member(owner, "member");

        member.at(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", "x-" + member.email(), "password", SystemApi.PASSWORD, "role", "member"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(403);
        member.at(WevionSystem.AUTH).contentType(ContentType.JSON).body(Map.of("userId", owner.userId()))
                .post("/api/v1/admin/impersonate").then().statusCode(403);
        SystemApi.member(admin, "member");

        for (String integration : List.of("stripe", "google-drive")) {
            member.at(WevionSystem.TOKEN).queryParam("mode", "connect").get("/api/v1/connect/" + integration + "/authorize")
                    .then().statusCode(403);
            admin.at(WevionSystem.TOKEN).queryParam("mode", "connect").get("/api/v1/connect/" + integration + "/authorize")
                    .then().statusCode(200);
        }
        member.at(WevionSystem.TOKEN).queryParam("mode", "connect").get("/api/v1/connect/meta/authorize").then().statusCode(200);
    }

    private static JsonPath claims(String jwt) {
        return JsonPath.from(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
