package ai.wevion.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings → Notifications → Connect Telegram, the bot's /start, and delivery through the bot (N3, N5). */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class TelegramTest {

    private static final String INVALID = "This link is not valid.";

    private final TokenEvents events = new TokenEvents();

    @Inject
    Pool db;

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void aLinkTokenLinksTheChatOnceAndIsStoredOnlyHashed_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "member");
        Map<String, Object> link = given().header("Authorization", ana.bearer()).post("/api/v1/telegram/link")
                .then().statusCode(201).extract().path("");
        String deepLink = (String) link.get("deepLink");
        assertThat(deepLink).matches("https://t\\.me/wevion_local_bot\\?start=[A-Za-z0-9_-]{1,64}");
        assertThat(Duration.between(Instant.now(), Instant.parse((String) link.get("expiresAt"))))
                .isBetween(Duration.ofHours(23), Duration.ofHours(24));
        String token = deepLink.substring(deepLink.indexOf("start=") + 6);
        assertThat(db.query("select token_hash from telegram_link_token").execute().await().indefinitely())
                .extracting(r -> r.getString(0)).isNotEmpty().doesNotContain(token);

        long chat = newChat();
        assertThat(userWrites(chat, "/start " + token, 2, null)).isEqualTo(200); // Telegram sends this update twice

        await().atMost(Duration.ofSeconds(5)).until(() -> botSaid(chat).size() == 1);
        assertThat(botSaid(chat).get(0)).startsWith("Telegram is now linked");
        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().statusCode(200)
                .body("linked", equalTo(true)).body("linkedAt", org.hamcrest.Matchers.notNullValue());

        // replayed from another chat: refused, and the link stays with the first chat
        long other = newChat();
        userWrites(other, "/start " + token, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> botSaid(other).size() == 1);
        assertThat(botSaid(other).get(0)).startsWith("This link was already used.");
        assertThat(chatOf(ana)).isEqualTo(chat);
    }

    @Test
    void unknownMalformedTooLongOrMissingTokensGetAClearReplyAndLinkNothing_N5() {
        long chat = newChat();
        userWrites(chat, "/start " + "A".repeat(43), 1, null);
        userWrites(chat, "/start bad$token", 1, null);
        userWrites(chat, "/start " + "a".repeat(65), 1, null);
        userWrites(chat, "/start", 1, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> botSaid(chat).size() == 4);
        assertThat(botSaid(chat)).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith(INVALID), m -> assertThat(m).startsWith(INVALID), m -> assertThat(m).startsWith(INVALID),
                m -> assertThat(m).startsWith("To link this chat, open Wevion"));
        assertThat(db.query("select count(*) from telegram_link where chat_id = " + chat).execute().await().indefinitely()
                .iterator().next().getLong(0)).isZero();
    }

    @Test
    void aLinkTokenOlderThan24HoursIsRefused_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String token = linkToken(ana);
        MutableClock.advance(Duration.ofHours(24).plusMinutes(1));
        long chat = newChat();
        userWrites(chat, "/start " + token, 1, null);

        await().atMost(Duration.ofSeconds(5)).until(() -> botSaid(chat).size() == 1);
        assertThat(botSaid(chat).get(0)).startsWith("This link has expired (links last 24 hours).");
        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(false));
    }

    @Test
    void aMalformedUpdateWithTheRightSecretIsA400NeverA500_N5() {
        for (String body : new String[] {"{\"update_id\":\"one\"}", "{\"update_id\":1,\"message\":\"hi\"}",
                "{\"update_id\":2,\"message\":{\"chat\":{\"id\":\"x\"},\"text\":\"/start a\"}}",
                "{\"update_id\":3,\"message\":{\"chat\":{\"id\":5},\"text\":7}}", "{\"update_id\":1.5}", "[1,2]", "{"}) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "local-telegram-webhook-secret").body(body)
                    .post("/telegram/webhook").then().statusCode(400).body("error", org.hamcrest.Matchers.notNullValue())
                    .body("message", org.hamcrest.Matchers.notNullValue());
        }
        // another kind of update (no text message) is accepted and changes nothing
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "local-telegram-webhook-secret")
                .body("{\"update_id\":4,\"edited_message\":{}}").post("/telegram/webhook").then().statusCode(200);
    }

    @Test
    void aWebhookCallWithAWrongSecretIsRefusedAndLinksNothing_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String token = linkToken(ana);
        long chat = newChat();

        assertThat(userWrites(chat, "/start " + token, 1, "forged-secret")).isEqualTo(401);
        given().contentType(ContentType.JSON).body(Map.of("update_id", 1)).post("/telegram/webhook").then().statusCode(401)
                .body("error", equalTo("unauthorized"));

        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(false));
        // the genuine update still works afterwards: nothing was consumed
        userWrites(chat, "/start " + token, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> chatOf(ana) != null);
    }

    @Test
    void workspaceNotificationsGoThroughTheBotHonouringRetryAfterButTokenAlertsStayInApp_N3_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        long chat = link(ana);
        ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("mode", "RATE_LIMITED", "count", 1, "retryAfter", 1))
                .post("/sim/telegram/chats/" + chat + "/failure").then().statusCode(204);

        events.tokenStatusKeyed(ana.workspaceId(), "TOKEN_EXPIRED", ana.workspaceId(), UUID.randomUUID().toString(), ana.userId(), "Ana",
                Duration.ZERO);
        events.tokenStatusKeyed(ana.workspaceId(), "TOKEN_EXPIRING", ana.workspaceId(), UUID.randomUUID().toString(), ana.userId(), "Bo",
                Duration.ofDays(5));
        events.syncFailed(ana.workspaceId(), UUID.randomUUID().toString(), "HTTP 500");
        await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(ana).size() == 3);

        // the first attempt got 429 retry_after 1; the message arrives on the retry
        await().atMost(Duration.ofSeconds(10)).until(() -> botSaid(chat).size() == 2);
        assertThat(botSaid(chat).get(1)).startsWith("Sync failed");
        assertThat(botSaid(chat)).noneMatch(m -> m.contains("Token expired") || m.contains("expires in"));
        assertThat(ProviderSimulator.calls("telegram", "sendMessage", Long.toString(chat))).isEqualTo(3);
    }

    @Test
    void aMessageWaitsOutAnHourLongTelegramOutageAndArrivesWhenTelegramIsBack_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        long chat = link(ana);
        int before = botSaid(chat).size();
        telegramDown(true);
        try {
            events.syncFailed(ana.workspaceId(), UUID.randomUUID().toString(), "HTTP 500");
            await().atMost(Duration.ofSeconds(5)).until(() -> Bell.list(ana).size() == 1);
            // an hour passes, five minutes at a time: each time the message's backoff is over it is tried again
            for (int minutes = 0; minutes < 60; minutes += 5) {
                long calls = ProviderSimulator.calls("telegram", "sendMessage", Long.toString(chat));
                MutableClock.advance(Duration.ofMinutes(5));
                await().atMost(Duration.ofSeconds(10)).until(() -> ProviderSimulator.calls("telegram", "sendMessage", Long.toString(chat)) > calls);
            }
            assertThat(botSaid(chat)).hasSize(before);
            // what the on-call engineer sees (alert TelegramBacklog): the oldest message has waited the hour
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge("wevion_telegram_oldest_age_seconds") >= 3600);
        } finally {
            telegramDown(false);
        }
        MutableClock.advance(Duration.ofMinutes(5)); // the backoff is at its 5 minutes by now
        await().atMost(Duration.ofSeconds(10)).until(() -> botSaid(chat).size() == before + 1);
        assertThat(botSaid(chat).get(before)).startsWith("Sync failed");
    }

    @Test
    void aUserWhoBlockedTheBotIsUnlinked_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        long chat = link(ana);
        ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("mode", "BLOCKED"))
                .post("/sim/telegram/chats/" + chat + "/failure").then().statusCode(204);

        events.syncFailed(ana.workspaceId(), UUID.randomUUID().toString(), "HTTP 500");

        await().atMost(Duration.ofSeconds(10)).until(() -> chatOf(ana) == null);
        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(false));
    }

    @Test
    void unlinkEndsTheLinkForThisUserOnly_N5() {
        User ana = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        User bo = TestJwts.newUser(ana.workspaceId(), "member");
        link(ana);
        link(bo);

        given().header("Authorization", ana.bearer()).delete("/api/v1/telegram/link").then().statusCode(204);

        given().header("Authorization", ana.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(false));
        given().header("Authorization", bo.bearer()).get("/api/v1/telegram/link").then().body("linked", equalTo(true));
        given().post("/api/v1/telegram/link").then().statusCode(401);
    }

    private long link(User user) {
        String token = linkToken(user);
        long chat = newChat();
        userWrites(chat, "/start " + token, 1, null);
        await().atMost(Duration.ofSeconds(5)).until(() -> botSaid(chat).size() == 1);
        return chat;
    }

    private static String linkToken(User user) {
        String deepLink = given().header("Authorization", user.bearer()).post("/api/v1/telegram/link").then().statusCode(201)
                .extract().path("deepLink");
        return deepLink.substring(deepLink.indexOf("start=") + 6);
    }

    private Long chatOf(User user) {
        var rows = db.query("select chat_id from telegram_link where user_id = '" + user.userId() + "'").execute().await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null;
    }

    private static long newChat() {
        return ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("firstName", "Ana")).post("/sim/telegram/chats")
                .then().statusCode(201).extract().jsonPath().getLong("chatId");
    }

    /** The user writes to the bot; answers the status the simulator got from our webhook. */
    private static int userWrites(long chat, String text, int times, String secret) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("text", text, "times", times));
        if (secret != null) {
            body.put("secretToken", secret);
        }
        return ProviderSimulator.sim().contentType(ContentType.JSON).body(body).post("/sim/telegram/chats/" + chat + "/messages")
                .then().statusCode(200).extract().path("webhookStatus");
    }

    private static double gauge(String name) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .max().orElse(-1);
    }

    private static void telegramDown(boolean down) {
        ProviderSimulator.sim().contentType(ContentType.JSON).body(Map.of("telegramDown", down)).post("/sim/settings").then().statusCode(204);
    }

    private static List<String> botSaid(long chat) {
        return ProviderSimulator.sim().get("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).extract().path("");
    }
}
