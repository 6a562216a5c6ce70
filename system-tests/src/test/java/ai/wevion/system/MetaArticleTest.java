package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Article 1 ("Meta token health and reconnection") end to end, through the
 * public HTTP APIs and topics of the running system only: a media buyer
 * connects Meta, the refresh fails, the card turns yellow with the banner and
 * the bell, gates close, and a reconnect brings everything back with one
 * backfill covering the gap (A1, T1, T3, T4, C1–C8, N1, N4).
 */
class MetaArticleTest {

    private static String serviceJwt;

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
        serviceJwt = given().baseUri(WevionSystem.AUTH).auth().preemptive().basic("connector-service", "local-connector-service-secret")
                .formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectExpireAndReconnectLosesNoData_A1_T1_T4_C1_C2_C3_C4_C5_C7_C8_N1_N4() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        String workspaceId = given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "workspaceName", "Acme"))
                .post("/api/v1/auth/signup").then().statusCode(201).extract().path("workspaceId");
        String jwt = given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery")).post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        String sim = given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON)
                .body(Map.of("name", "Ana", "tokenLifetimeSeconds", 3 * 86400, "adAccounts", List.of(Map.of("id", "111", "name", "Acme EU"))))
                .post("/sim/meta/users").then().statusCode(201).extract().path("externalUserId");

        try (SyncWorker worker = new SyncWorker(serviceJwt)) {
            worker.serve(workspaceId);

            // connect: green card, gates open, a sync through the stand-in worker moves the sync point
            String platformUserId = connect(jwt, sim, "connect").path("platformUserId");
            await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(meta(jwt).get("badge")));
            String adAccountId = given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt)
                    .get("/api/v1/ad-accounts?platform=meta").then().statusCode(200).extract().path("[0].adAccountId");
            gate(adAccountId).then().body("allowed", equalTo(true)).body("platformUserId", equalTo(platformUserId));
            given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt).post("/api/v1/ad-accounts/" + adAccountId + "/sync")
                    .then().statusCode(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastSyncedAt(jwt) != null);
            Instant syncedUntil = Instant.parse(worker.handled().get(0).getString("to"));

            // the refresh fails (Ana changed her Facebook password): yellow card, banner, bell, gates closed
            given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("mode", "PASSWORD_CHANGED"))
                    .post("/sim/meta/users/" + sim + "/failure").then().statusCode(204);
            given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + serviceJwt).post("/internal/v1/refresh-sweep")
                    .then().statusCode(200);
            given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + jwt).get("/api/v1/platform-users?platform=meta")
                    .then().body("[0].status", equalTo("EXPIRED")).body("[0].lastRefreshError", equalTo("PASSWORD_CHANGED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> "yellow".equals(meta(jwt).get("badge")));
            Map<String, Object> card = ((List<Map<String, Object>>) meta(jwt).get("platformUsers")).get(0);
            assertThat(card).containsEntry("message", "Token expired — Reconnect");
            given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt).get("/api/v1/dashboard/banners")
                    .then().body("[0].message", equalTo("Meta connection needs attention"));
            gate(adAccountId).then().body("allowed", equalTo(false)).body("message", equalTo("Token expired"));
            given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt).post("/api/v1/ad-accounts/" + adAccountId + "/sync")
                    .then().statusCode(409).body("message", equalTo("Token expired"));
            await().atMost(Duration.ofSeconds(10)).until(() -> unread(jwt) == 1);
            given().baseUri(WevionSystem.NOTIFICATION).header("Authorization", "Bearer " + jwt).get("/api/v1/notifications")
                    .then().body("[0].title", equalTo("Token expired")).body("[0].link", equalTo("/connect/meta"));

            // reconnect: green again, the alert resolved, one BACKFILL from exactly where the last sync ended
            given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("mode", "NONE"))
                    .post("/sim/meta/users/" + sim + "/failure").then().statusCode(204);
            assertThat(connect(jwt, sim, "reconnect").<String>path("outcome")).isEqualTo("RECONNECTED");
            await().atMost(Duration.ofSeconds(10)).until(() -> "green".equals(meta(jwt).get("badge")));
            gate(adAccountId).then().body("allowed", equalTo(true));
            await().atMost(Duration.ofSeconds(10)).until(() -> unread(jwt) == 0);
            JsonPath backfill = await().atMost(Duration.ofSeconds(10)).until(() -> worker.handled().stream()
                    .filter(r -> "BACKFILL".equals(r.getString("trigger"))).toList(), l -> l.size() == 1).get(0);
            assertThat(Instant.parse(backfill.getString("from"))).isEqualTo(syncedUntil);
        }
    }

    private static Response connect(String jwt, String sim, String mode) {
        String url = given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + jwt).queryParam("mode", mode)
                .get("/api/v1/connect/meta/authorize").then().statusCode(200).extract().path("authorizeUrl");
        URI authorize = URI.create(url);
        String location = given().baseUri(WevionSystem.SIM).redirects().follow(false).urlEncodingEnabled(false)
                .get(authorize.getRawPath() + "?" + authorize.getRawQuery() + "&sim_user=" + sim).then().statusCode(302)
                .extract().header("Location");
        URI callback = URI.create(location);
        Response answer = given().baseUri(WevionSystem.TOKEN).accept(ContentType.JSON).urlEncodingEnabled(false)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        answer.then().statusCode(200);
        return answer;
    }

    private static Map<String, Object> meta(String jwt) {
        List<Map<String, Object>> cards = given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt)
                .get("/api/v1/connectors").then().statusCode(200).extract().path("");
        return cards.stream().filter(c -> "meta".equals(c.get("platform"))).findFirst().orElseThrow();
    }

    private static Object lastSyncedAt(String jwt) {
        return given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + jwt).get("/api/v1/ad-accounts?platform=meta")
                .then().statusCode(200).extract().path("[0].lastSyncedAt");
    }

    private static Response gate(String adAccountId) {
        return given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + serviceJwt)
                .get("/internal/v1/ad-accounts/" + adAccountId + "/gate?action=publish");
    }

    private static int unread(String jwt) {
        return given().baseUri(WevionSystem.NOTIFICATION).header("Authorization", "Bearer " + jwt)
                .get("/api/v1/notifications/unread-count").then().statusCode(200).extract().path("count");
    }
}
