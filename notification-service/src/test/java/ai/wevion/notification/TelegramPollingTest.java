package ai.wevion.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With {@code notification.telegram.updates=polling} the bot's updates arrive through getUpdates instead of the webhook (N5). */
@QuarkusTest
@TestProfile(TelegramPollingTest.Polling.class)
@QuarkusTestResource(ProviderSimulator.class)
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class TelegramPollingTest {

    public static class Polling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.telegram.updates", "polling", "notification.telegram.poll-every", "200ms");
        }
    }

    @Test
    void aStartMessageFetchedByLongPollingLinksTheChatOnce_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "member");
        String deepLink = given().header("Authorization", ana.bearer()).post("/api/v1/telegram/link").then().statusCode(201)
                .extract().path("deepLink");
        long chat = ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of()).post("/sim/telegram/chats")
                .then().statusCode(201).extract().jsonPath().getLong("chatId");

        ProviderSimulator.sim().contentType(ContentType.JSON)
                .body(Map.of("text", "/start " + deepLink.substring(deepLink.indexOf("start=") + 6), "times", 2))
                .post("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).body("webhookStatus", equalTo(0));

        await().atMost(Duration.ofSeconds(10)).until(() -> botSaid(chat).size() == 1);
        assertThat(botSaid(chat).get(0)).startsWith("Telegram is now linked");
        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(true));
    }

    private static List<String> botSaid(long chat) {
        return ProviderSimulator.sim().get("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).extract().path("");
    }
}
