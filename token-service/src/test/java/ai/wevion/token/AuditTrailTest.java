package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * token-service's audit log (issue 14, point 8; T6, A5): archiving and
 * disconnecting are recorded with the change, naming who did it and, while
 * an admin acts as someone, as whom; a refused change records nothing.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class AuditTrailTest {

    private static final long SIXTY_DAYS = 60 * 86_400;

    @Test
    void archivingIsRecordedUnderTheAdminAndARefusedArchiveIsNot_T6() {
        User owner = TokenApi.owner();
        User member = TokenApi.member(owner);
        String id = (String) TokenApi.connect(owner, TokenApi.metaUser("Audited", SIXTY_DAYS)).get("platformUserId");

        given().header("Authorization", member.bearer()).post("/api/v1/platform-users/" + id + "/archive").then().statusCode(403);
        given().header("Authorization", owner.bearer()).post("/api/v1/platform-users/" + id + "/archive").then().statusCode(204);

        given().header("Authorization", owner.bearer()).get("/api/v1/admin/audit").then().statusCode(200)
                .body("", hasSize(1)).body("[0].action", equalTo("platform_user.archived"))
                .body("[0].actorId", equalTo(owner.userId())).body("[0].subjectId", equalTo(null))
                .body("[0].target", equalTo("platform-user:" + id)).body("[0].service", equalTo("token-service"));
        given().header("Authorization", member.bearer()).get("/api/v1/admin/audit").then().statusCode(403);
    }

    @Test
    void aDisconnectByAnAdminActingAsTheMemberWhoConnectedIsRecordedUnderTheAdmin_T6_A5() {
        User owner = TokenApi.owner();
        User member = TokenApi.member(owner);
        String id = (String) TokenApi.connect(member, TokenApi.metaUser("Acted", SIXTY_DAYS)).get("platformUserId");

        given().header("Authorization", "Bearer " + TestJwts.sessionActedBy(member, owner.userId()))
                .delete("/api/v1/platform-users/" + id).then().statusCode(204);

        given().header("Authorization", owner.bearer()).get("/api/v1/admin/audit").then().statusCode(200)
                .body("", hasSize(1)).body("[0].action", equalTo("platform_user.disconnected"))
                .body("[0].actorId", equalTo(owner.userId())).body("[0].subjectId", equalTo(member.userId()))
                .body("[0].detail", equalTo("meta"));
    }
}
