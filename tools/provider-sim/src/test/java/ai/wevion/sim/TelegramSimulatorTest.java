package ai.wevion.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator answers like the Telegram Bot API (docs/providers.md), failures included (N5). */
@QuarkusTest
class TelegramSimulatorTest {

    private static final String BOT = "/telegram/botlocal-telegram-bot-token/";

    @AfterEach
    void noWebhook() {
        bot("deleteWebhook", Map.of());
    }

    @Test
    void aMessageTheUserWritesWaitsForGetUpdatesUntilConfirmedByOffset_N5() {
        long chat = newChat();
        given().contentType(ContentType.JSON).body(Map.of("text", "/start abc", "times", 2))
                .post("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200);

        Response updates = bot("getUpdates", Map.of("offset", 0));
        updates.then().statusCode(200).body("ok", equalTo(true)).body("result.message.text", contains("/start abc", "/start abc"));
        long last = updates.jsonPath().getLong("result[-1].update_id");
        bot("getUpdates", Map.of("offset", last + 1)).then().body("result", hasSize(0));
    }

    @Test
    void aPersonOnTheSimulatorsPageOpensTheConsolesLinkAndPressesStart_N5() {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("link", "https://t.me/wevion_bot?start=Abc_123")
                .post("/sim/page/telegram/start").then().statusCode(303);

        Response updates = bot("getUpdates", Map.of("offset", 0));
        updates.then().statusCode(200).body("result.message.text", hasItem("/start Abc_123"));
        bot("getUpdates", Map.of("offset", updates.jsonPath().getLong("result[-1].update_id") + 1)); // confirmed, as the bot does
        assertThat(given().get("/sim/page").asString()).contains("data-test=\"telegram-chat\"");
        given().contentType(ContentType.URLENC).formParam("link", "https://t.me/wevion_bot").post("/sim/page/telegram/start")
                .then().statusCode(400);
    }

    @Test
    void getUpdatesConflictsWithAWebhook() {
        bot("setWebhook", Map.of("url", "http://127.0.0.1:1/hook", "secret_token", "s3cret")).then().body("result", equalTo(true));
        bot("getUpdates", Map.of()).then().statusCode(409).body("ok", equalTo(false)).body("error_code", equalTo(409));
    }

    @Test
    void sendMessageFailsLikeTelegramWhenRateLimitedBlockedOrUnknown_N5() {
        long chat = newChat();
        given().contentType(ContentType.JSON).body(Map.of("mode", "RATE_LIMITED", "count", 1, "retryAfter", 34))
                .post("/sim/telegram/chats/" + chat + "/failure").then().statusCode(204);
        bot("sendMessage", Map.of("chat_id", chat, "text", "hi")).then().statusCode(429)
                .body("description", equalTo("Too Many Requests: retry after 34")).body("parameters.retry_after", equalTo(34));
        bot("sendMessage", Map.of("chat_id", chat, "text", "hi")).then().statusCode(200).body("ok", equalTo(true));
        given().get("/sim/telegram/chats/" + chat + "/messages").then().body("", contains("hi"));

        given().contentType(ContentType.JSON).body(Map.of("mode", "BLOCKED")).post("/sim/telegram/chats/" + chat + "/failure");
        bot("sendMessage", Map.of("chat_id", chat, "text", "hi")).then().statusCode(403)
                .body("description", equalTo("Forbidden: bot was blocked by the user"));
        bot("sendMessage", Map.of("chat_id", 42, "text", "hi")).then().statusCode(400)
                .body("description", equalTo("Bad Request: chat not found"));
        given().contentType(ContentType.JSON).body(Map.of("chat_id", chat, "text", "hi")).post("/telegram/botwrong-token/sendMessage")
                .then().statusCode(401);
    }

    private static long newChat() {
        return given().contentType(ContentType.JSON).body(Map.of("firstName", "Ana")).post("/sim/telegram/chats")
                .then().statusCode(201).extract().jsonPath().getLong("chatId");
    }

    private static Response bot(String method, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(BOT + method);
    }
}
