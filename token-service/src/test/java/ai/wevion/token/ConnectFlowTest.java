package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.testing.EventContract;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class ConnectFlowTest {

    private static final long SIXTY_DAYS = 5183944;

    @Inject
    Pool db;

    @Test
    void connectStoresTheLongLivedTokenEncryptedAndAnnouncesTheAccounts_T1_T10_T11() {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Ana", SIXTY_DAYS);

        try (TopicProbe events = new TopicProbe("token-status")) {
            Map<String, Object> result = TokenApi.connect(owner, ana);

            assertThat(result).containsEntry("outcome", "CONNECTED").containsEntry("externalUserId", ana)
                    .containsEntry("status", "ACTIVE");
            String id = (String) result.get("platformUserId");
            Map<String, Object> listed = TokenApi.platformUser(owner, id);
            assertThat(listed).containsEntry("status", "ACTIVE").containsEntry("displayName", "Ana").doesNotContainKey("accessToken");
            assertThat(Instant.parse((String) listed.get("expiresAt"))).isAfter(Instant.now().plus(Duration.ofDays(59)));
            // long-lived, not the short-lived code-exchange token (T10)
            assertThat(ProviderSimulator.calls("meta", "exchange", ana)).isEqualTo(1);

            String plaintext = TokenApi.credential(id).then().statusCode(200).extract().path("accessToken");
            String stored = db.preparedQuery("select access_token from meta_token where platform_user_id = $1")
                    .execute(Tuple.of(UUID.fromString(id))).await().indefinitely().iterator().next().getString(0);
            assertThat(stored).isNotEqualTo(plaintext).doesNotContain(plaintext);

            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains("\"TOKEN_CONNECTED\"") && e.contains(id)));
            String event = events.events().stream().filter(e -> e.contains(id)).findFirst().orElseThrow();
            EventContract.assertConforms("token-status", event);
            assertThat(event).contains("\"adAccounts\":[{").contains("Ana account").doesNotContain(plaintext);
        }
    }

    @Test
    void reconnectWithTheSameFacebookAccountRefreshesTheSameRecordInPlace_T5() {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Ana Same", SIXTY_DAYS);
        String id = (String) TokenApi.connect(owner, ana).get("platformUserId");

        Response again = TokenApi.connect(owner, ana, "reconnect", id);

        again.then().statusCode(200).body("platformUserId", equalTo(id)).body("outcome", equalTo("RECONNECTED"));
        TokenApi.platformUsers(owner).then().body("", hasSize(1));
    }

    @Test
    void reconnectWithAnotherFacebookAccountCreatesANewRecord_T5() {
        User owner = TokenApi.owner();
        String id = (String) TokenApi.connect(owner, TokenApi.metaUser("Original", SIXTY_DAYS)).get("platformUserId");

        Response other = TokenApi.connect(owner, TokenApi.metaUser("Teammate", SIXTY_DAYS), "reconnect", id);

        other.then().statusCode(200).body("outcome", equalTo("NEW_USER_CREATED"));
        assertThat(other.<String>path("platformUserId")).isNotEqualTo(id);
        TokenApi.platformUsers(owner).then().body("", hasSize(2));
    }

    @Test
    void aForgedOrReplayedStateIsRefused_T1() {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Replay", SIXTY_DAYS);
        String state = TokenApi.authorize(owner, "connect", null);
        String code = TokenApi.consent(state, ana);

        TokenApi.callback(code, state.substring(0, state.indexOf('.')) + ".forged").then().statusCode(400)
                .body("error", equalTo("invalid_state"));
        TokenApi.callback(code, "no-dot-at-all").then().statusCode(400).body("error", equalTo("invalid_state"));
        TokenApi.callback(code, state).then().statusCode(200);
        TokenApi.callback(code, state).then().statusCode(400).body("error", equalTo("invalid_state"));
    }

    @Test
    void workspaceACannotListArchiveDisconnectOrReconnectBsRecords() {
        User ownerA = TokenApi.owner();
        User ownerB = TokenApi.owner();
        String idB = (String) TokenApi.connect(ownerB, TokenApi.metaUser("B's", SIXTY_DAYS)).get("platformUserId");

        TokenApi.platformUsers(ownerA).then().statusCode(200).body("", hasSize(0));
        given().header("Authorization", ownerA.bearer()).post("/api/v1/platform-users/" + idB + "/archive")
                .then().statusCode(404).body("error", equalTo("not_found"));
        given().header("Authorization", ownerA.bearer()).delete("/api/v1/platform-users/" + idB).then().statusCode(404);
        given().header("Authorization", ownerA.bearer()).queryParam("mode", "reconnect").queryParam("platformUserId", idB)
                .get("/api/v1/connect/meta/authorize").then().statusCode(404);
        TokenApi.platformUsers(ownerB).then().body("", hasSize(1)).body("[0].status", equalTo("ACTIVE"));
    }

    @Test
    void onlyAnAdminArchivesAndArchivingKeepsTheRecordWithoutItsToken_T6() {
        User owner = TokenApi.owner();
        User member = TokenApi.member(owner);
        String id = (String) TokenApi.connect(owner, TokenApi.metaUser("Old", SIXTY_DAYS)).get("platformUserId");

        given().header("Authorization", member.bearer()).post("/api/v1/platform-users/" + id + "/archive")
                .then().statusCode(403);
        given().header("Authorization", owner.bearer()).post("/api/v1/platform-users/" + id + "/archive")
                .then().statusCode(204);

        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "ARCHIVED");
        TokenApi.credential(id).then().statusCode(404);
    }

    @Test
    void disconnectRemovesTheConnection_T6() {
        User owner = TokenApi.owner();
        String id = (String) TokenApi.connect(owner, TokenApi.metaUser("Gone", SIXTY_DAYS)).get("platformUserId");

        given().header("Authorization", owner.bearer()).delete("/api/v1/platform-users/" + id).then().statusCode(204);

        TokenApi.platformUsers(owner).then().body("", hasSize(0));
    }

    @Test
    void metasDeauthorizeCallbackExpiresTheTokenAtOnce_T4() {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Remover", SIXTY_DAYS);
        String id = (String) TokenApi.connect(owner, ana).get("platformUserId");

        ProviderSimulator.sim().contentType("application/json")
                .body(Map.of("callbackUrl", "http://127.0.0.1:18082/api/v1/connect/meta/deauthorize"))
                .post("/sim/meta/users/" + ana + "/deauthorize").then().statusCode(200).body("status", equalTo(200));

        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "APP_REMOVED");
        // Meta retries a callback: the second finds nothing left to expire, and the answer says so
        given().contentType("application/x-www-form-urlencoded").formParam("signed_request", metaSignedRequest(ana))
                .post("/api/v1/connect/meta/deauthorize").then().statusCode(200).body("expired", equalTo(0));
        TokenApi.credential(id).then().statusCode(409).body("error", equalTo("token_expired")).body("message", equalTo("Token expired"));
        given().contentType("application/x-www-form-urlencoded").formParam("signed_request", "forged.eyJ1c2VyX2lkIjoiMSJ9")
                .post("/api/v1/connect/meta/deauthorize").then().statusCode(400).body("error", equalTo("invalid_signed_request"));
    }

    @Test
    void theDeauthorizeAnswerCountsTheRecordsItExpired_T4() {
        User owner = TokenApi.owner();
        User agency = TokenApi.owner();
        String ana = TokenApi.metaUser("Counted", SIXTY_DAYS);
        TokenApi.connect(owner, ana);
        TokenApi.connect(agency, ana); // the same Facebook user in two workspaces

        given().contentType("application/x-www-form-urlencoded").formParam("signed_request", metaSignedRequest(ana))
                .post("/api/v1/connect/meta/deauthorize").then().statusCode(200).body("expired", equalTo(2));
    }

    /** Meta's deauthorize payload, signed with the test profile's app secret. */
    private static String metaSignedRequest(String userId) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = b64.encodeToString(("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + userId + "\",\"issued_at\":"
                + Instant.now().getEpochSecond() + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return b64.encodeToString(new ai.wevion.token.crypto.Hmac("local-meta-app-secret").sign(payload)) + "." + payload;
    }

    @Test
    void aJwtThatEndedThirtySecondsAgoIsExpiredHereWhileOneWithThirtySecondsLeftWorks_A6() {
        User owner = TokenApi.owner();

        given().header("Authorization", "Bearer " + ai.wevion.testing.TestJwts.sessionExpiringIn(owner, -30))
                .get("/api/v1/platform-users").then().statusCode(401).body("error", equalTo("token_expired"));
        given().header("Authorization", "Bearer " + ai.wevion.testing.TestJwts.sessionExpiringIn(owner, 30))
                .get("/api/v1/platform-users").then().statusCode(200);
    }

    @Test
    void internalEndpointsNeedAServiceJwt() {
        User owner = TokenApi.owner();
        String id = (String) TokenApi.connect(owner, TokenApi.metaUser("Internal", SIXTY_DAYS)).get("platformUserId");

        given().header("Authorization", owner.bearer()).get("/internal/v1/credentials/" + id).then().statusCode(403);
        given().get("/internal/v1/credentials/" + id).then().statusCode(401);
        given().header("Authorization", owner.bearer()).post("/internal/v1/refresh-sweep").then().statusCode(403);
    }
}
