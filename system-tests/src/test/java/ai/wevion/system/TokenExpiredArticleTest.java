package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Article 2 ("Token expired — what it means") end to end: the session JWT
 * (type 1) ends in every service at logout, integrations (type 3) need an
 * admin or owner, and the Telegram link token (type 4) links one chat once.
 */
class TokenExpiredArticleTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void loggingOutInOneTabEndsTheSessionInEveryService_A1_A3_A6() {
        Owner owner = signUp();
        given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + owner.jwt()).get("/api/v1/connectors")
                .then().statusCode(200);

        given().baseUri(WevionSystem.AUTH).cookie("wevion_session", owner.cookie()).post("/api/v1/auth/logout").then().statusCode(204);

        for (String service : List.of(WevionSystem.TOKEN, WevionSystem.CONNECTOR, WevionSystem.NOTIFICATION)) {
            String path = service.equals(WevionSystem.TOKEN) ? "/api/v1/platform-users" : service.equals(WevionSystem.CONNECTOR)
                    ? "/api/v1/connectors" : "/api/v1/notifications";
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    given().baseUri(service).header("Authorization", "Bearer " + owner.jwt()).get(path)
                            .then().statusCode(401).body("error", equalTo("session_expired")));
        }
    }

    @Test
    void stripeAndGoogleDriveNeedAnAdminOrOwner_T8() {
        Owner owner = signUp();
        String memberEmail = "member-" + UUID.randomUUID() + "@example.com";
        given().baseUri(WevionSystem.AUTH).header("Authorization", "Bearer " + owner.jwt()).contentType(ContentType.JSON)
                .body(Map.of("email", memberEmail, "password", "correct horse battery", "role", "member"))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(201);
        String memberJwt = login(memberEmail).path("accessToken");

        for (String integration : List.of("stripe", "google-drive")) {
            given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + memberJwt).queryParam("mode", "connect")
                    .get("/api/v1/connect/" + integration + "/authorize").then().statusCode(403);
            given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + owner.jwt()).queryParam("mode", "connect")
                    .get("/api/v1/connect/" + integration + "/authorize").then().statusCode(200);
        }
    }

    @Test
    void aTelegramLinkTokenLinksOneChatOnce_N5() {
        Owner owner = signUp();
        String deepLink = given().baseUri(WevionSystem.NOTIFICATION).header("Authorization", "Bearer " + owner.jwt())
                .post("/api/v1/telegram/link").then().statusCode(201).extract().path("deepLink");
        String token = deepLink.substring(deepLink.indexOf("start=") + 6);
        long chat = newChat();
        long other = newChat();

        say(chat, "/start " + token);
        say(other, "/start " + token);

        await().atMost(Duration.ofSeconds(10)).until(() -> botSaid(chat).size() == 1 && botSaid(other).size() == 1);
        assertThat(botSaid(chat).get(0)).startsWith("Telegram is now linked");
        assertThat(botSaid(other).get(0)).startsWith("This link was already used.");
        given().baseUri(WevionSystem.NOTIFICATION).header("Authorization", "Bearer " + owner.jwt()).get("/api/v1/telegram/link")
                .then().body("linked", equalTo(true));
    }

    private record Owner(String workspaceId, String jwt, String cookie) {
    }

    private static Owner signUp() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String workspaceId = given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery", "workspaceName", "Acme"))
                .post("/api/v1/auth/signup").then().statusCode(201).extract().path("workspaceId");
        Response login = login(email);
        return new Owner(workspaceId, login.path("accessToken"), login.getCookie("wevion_session"));
    }

    private static Response login(String email) {
        Response r = given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "correct horse battery")).post("/api/v1/auth/login");
        r.then().statusCode(200);
        return r;
    }

    private static long newChat() {
        return given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("firstName", "Ana"))
                .post("/sim/telegram/chats").then().statusCode(201).extract().jsonPath().getLong("chatId");
    }

    private static void say(long chat, String text) {
        given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).body("webhookStatus", equalTo(200));
    }

    private static List<String> botSaid(long chat) {
        return given().baseUri(WevionSystem.SIM).get("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).extract().path("");
    }
}
