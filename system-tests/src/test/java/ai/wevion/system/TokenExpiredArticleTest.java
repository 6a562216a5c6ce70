package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import ai.wevion.system.SystemApi.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Article 2 ("Token expired — what it means") end to end: the session JWT
 * (type 1) ends in every service at logout, integrations (type 3) need an
 * admin or owner (SessionScenariosTest), and the Telegram link token (type 4) links one chat once.
 */
class TokenExpiredArticleTest {

    @BeforeAll
    static void theSystemRuns() {
        WevionSystem.start();
    }

    @Test
    void loggingOutInOneTabEndsTheSessionInEveryService_A1_A3_A6() {
        User owner = SystemApi.signUp();
        owner.at(WevionSystem.CONNECTOR).get("/api/v1/connectors")
                .then().statusCode(200);

        given().baseUri(WevionSystem.AUTH).cookie("wevion_session", owner.cookie()).post("/api/v1/auth/logout").then().statusCode(204);

        for (String service : List.of(WevionSystem.TOKEN, WevionSystem.CONNECTOR, WevionSystem.NOTIFICATION)) {
            String path = service.equals(WevionSystem.TOKEN) ? "/api/v1/platform-users" : service.equals(WevionSystem.CONNECTOR)
                    ? "/api/v1/connectors" : "/api/v1/notifications";
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                    owner.at(service).get(path)
                            .then().statusCode(401).body("error", equalTo("session_expired")));
        }
    }

    @Test
    void aTelegramLinkTokenLinksOneChatOnce_N5() {
        User owner = SystemApi.signUp();
        String token = SystemApi.telegramLinkToken(owner);
        long chat = SystemApi.newChat();
        long other = SystemApi.newChat();

        SystemApi.say(chat, "/start " + token);
        SystemApi.say(other, "/start " + token);

        await().atMost(Duration.ofSeconds(10)).until(() -> SystemApi.botSaid(chat).size() == 1 && SystemApi.botSaid(other).size() == 1);
        assertThat(SystemApi.botSaid(chat).get(0)).startsWith("Telegram is now linked");
        assertThat(SystemApi.botSaid(other).get(0)).startsWith("This link was already used.");
        owner.at(WevionSystem.NOTIFICATION).get("/api/v1/telegram/link")
                .then().body("linked", equalTo(true));
    }
}
