package ai.wevion.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.auth.AuthApi.Login;
import ai.wevion.testing.EventContract;
import ai.wevion.testing.TopicProbe;
import ai.wevion.testing.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log (issue 14, point 8; A4, A5, A7): every admin action and every
 * action taken while impersonating names who did it, as whom, what, to what,
 * when and in which request; it is written with the change (a refused action
 * leaves none), published on audit-events, and readable by the workspace's
 * admins only, a page at a time. auth-service's log also keeps the other
 * services' entries from audit-events.
 */
@QuarkusTest
class AuditLogTest {

    @Test
    void anAdminsActionsAreReadBackNewestFirstWithActorTargetAndRequestId_A4_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login member = AuthApi.newMember(owner, "member");

        try (TopicProbe events = new TopicProbe("audit-events")) {
            given().header("Authorization", owner.bearer()).header("X-Request-Id", "req-role-1").contentType(ContentType.JSON)
                    .body(Map.of("role", "admin")).patch(members(owner) + "/" + member.userId()).then().statusCode(200);
            given().header("Authorization", owner.bearer()).post("/api/v1/admin/users/" + member.userId() + "/logout")
                    .then().statusCode(204);

            List<Map<String, Object>> entries = audit(owner).then().statusCode(200).extract().path("");
            assertThat(entries).extracting(e -> e.get("action"))
                    .containsExactly("session.forced_logout", "member.role_changed", "member.added");
            assertThat(entries.get(1)).containsEntry("actorId", owner.userId()).containsEntry("subjectId", null)
                    .containsEntry("target", "user:" + member.userId()).containsEntry("detail", "member → admin")
                    .containsEntry("requestId", "req-role-1").containsEntry("workspaceId", owner.workspaceId())
                    .containsEntry("service", "auth-service");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream().filter(e -> e.contains(owner.workspaceId())).count() == 2);
            events.events().stream().filter(e -> e.contains(owner.workspaceId()))
                    .forEach(e -> EventContract.assertConforms("audit-events", e));
        }
    }

    @Test
    void whatAnAdminDoesWhileActingAsSomeoneNamesTheAdminAsActorAndTheUserAsSubject_A5() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");
        Login member = AuthApi.newMember(owner, "member");
        String asAdmin = given().header("Authorization", owner.bearer()).contentType(ContentType.JSON)
                .body(Map.of("userId", admin.userId())).post("/api/v1/admin/impersonate").then().statusCode(200).extract().path("accessToken");

        given().header("Authorization", "Bearer " + asAdmin).delete(members(owner) + "/" + member.userId()).then().statusCode(204);

        Login ownerAgain = AuthApi.login(owner.email(), AuthApi.PASSWORD); // acting as someone ended the owner's own session
        List<Map<String, Object>> entries = audit(ownerAgain).then().statusCode(200).extract().path("");
        assertThat(entries.get(0)).containsEntry("action", "member.removed").containsEntry("actorId", owner.userId())
                .containsEntry("subjectId", admin.userId()).containsEntry("target", "user:" + member.userId());
        assertThat(entries.get(1)).containsEntry("action", "impersonation.started").containsEntry("target", "user:" + admin.userId());
    }

    @Test
    void aRefusedActionLeavesNoEntryAndOnlyTheWorkspacesAdminsReadIt_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        Login admin = AuthApi.newMember(owner, "admin");
        Login member = AuthApi.newMember(owner, "member");
        Login stranger = AuthApi.newWorkspaceOwner();

        given().header("Authorization", admin.bearer()).delete(members(owner) + "/" + owner.userId()).then().statusCode(403);

        assertThat(audit(owner).then().statusCode(200).extract().<List<String>>path("action"))
                .containsExactly("member.added", "member.added");
        audit(member).then().statusCode(403);
        assertThat(audit(stranger).then().statusCode(200).extract().<List<String>>path("action")).containsExactly();
    }

    @Test
    void theLogIsReadAPageAtATimeWithACursor_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        for (int i = 0; i < 5; i++) {
            AuthApi.newMember(owner, "member");
        }
        List<Object> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().header("Authorization", owner.bearer()).queryParam("limit", 2)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/api/v1/admin/audit");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("eventId"));
            cursor = page.header("X-Next-Cursor");
        } while (cursor != null);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void anotherServicesEntriesFromAuditEventsAreKeptOnceAndShown_A7() {
        Login owner = AuthApi.newWorkspaceOwner();
        String id = UUID.randomUUID().toString();
        String entry = """
                {"eventId":"%s","type":"ACTION_RECORDED","occurredAt":"%s","workspaceId":"%s","service":"token-service",
                 "actorId":"%s","subjectId":null,"action":"platform_user.archived","target":"platform-user:%s","detail":null,
                 "requestId":"req-archive"}""".formatted(id, Instant.now(), owner.workspaceId(), owner.userId(), UUID.randomUUID())
                .replace("\n", "");
        EventContract.assertConforms("audit-events", entry);

        try (TopicWriter writer = new TopicWriter()) {
            writer.send("audit-events", owner.workspaceId(), entry);
            writer.send("audit-events", owner.workspaceId(), entry);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(audit(owner).then().statusCode(200).extract()
                .<List<String>>path("eventId")).containsOnlyOnce(id));
        assertThat(audit(owner).then().extract().<List<String>>path("service")).containsOnly("token-service");
    }

    private static Response audit(Login admin) {
        return given().header("Authorization", admin.bearer()).get("/api/v1/admin/audit");
    }

    private static String members(Login admin) {
        return "/api/v1/workspaces/" + admin.workspaceId() + "/members";
    }
}
