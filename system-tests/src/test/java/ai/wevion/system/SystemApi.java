package ai.wevion.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the frontend and the provider's consent screens do, through the public APIs of the running system. */
final class SystemApi {

    static final String PASSWORD = "correct horse battery";

    private SystemApi() {
    }

    /** A logged-in user: the JWT every service checks, and the session cookie auth-service keeps. */
    record User(String userId, String workspaceId, String email, String jwt, String cookie) {

        RequestSpecification at(String service) {
            return given().baseUri(service).header("Authorization", "Bearer " + jwt);
        }
    }

    static User signUp() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        // each person signs up from their own address (one address may sign up 20 times an hour), as the gateway forwards it
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", PASSWORD, "workspaceName", "Acme")).post("/api/v1/auth/signup")
                .then().statusCode(201);
        return login(email);
    }

    static User member(User owner, String role) {
        String email = role + "-" + UUID.randomUUID() + "@example.com";
        owner.at(WevionSystem.AUTH).contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD, "role", role))
                .post("/api/v1/workspaces/" + owner.workspaceId() + "/members").then().statusCode(201);
        return login(email);
    }

    static User login(String email) {
        Response login = given().baseUri(WevionSystem.AUTH).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/login");
        login.then().statusCode(200);
        String jwt = login.path("accessToken");
        Response me = given().baseUri(WevionSystem.AUTH).header("Authorization", "Bearer " + jwt).get("/api/v1/auth/me");
        return new User(me.path("userId"), me.path("workspaceId"), email, jwt, login.getCookie("wevion_session"));
    }


    private static final Map<String, String> SERVICE_JWTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a backend caller sends to /internal/v1: its own client's service JWT (1 hour, fetched once). */
    static String serviceJwtOf(String client) {
        return SERVICE_JWTS.computeIfAbsent(client, SystemApi::serviceJwt);
    }

    /** A client-credentials JWT from auth-service (docs/contracts/service-clients.json). */
    static String serviceJwt(String client) {
        return given().baseUri(WevionSystem.AUTH).auth().preemptive().basic(client, "local-" + client + "-secret")
                .formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    // --- the providers (simulated) ----------------------------------------------------------

    static String simUser(String provider, Map<String, Object> user) {
        return given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(user).post("/sim/" + provider + "/users")
                .then().statusCode(201).extract().path("externalUserId");
    }

    static String simUser(String provider, String name, String... adAccountIds) {
        return simUser(provider, Map.of("name", name, "adAccounts", adAccounts(adAccountIds)));
    }

    static List<Map<String, String>> adAccounts(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> Map.of("id", id, "name", "Account " + id)).toList();
    }

    static void simFailure(String provider, String simUser, String mode) {
        given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/sim/" + provider + "/users/" + simUser + "/failure").then().statusCode(204);
    }

    static List<String> issuedTokens(String provider) {
        return given().baseUri(WevionSystem.SIM).get("/sim/" + provider + "/issued-tokens").then().statusCode(200).extract().path("");
    }

    /** Connect (or reconnect) through the provider's consent screen, where {@code simUser} approves; the callback's answer. */
    static Response connect(User user, String platform, String simUser, String mode) {
        Response authorized = user.at(WevionSystem.TOKEN).queryParam("mode", mode).get("/api/v1/connect/" + platform + "/authorize");
        authorized.then().statusCode(200);
        String url = authorized.path("authorizeUrl");
        Map<String, String> browserBinding = authorized.getCookies(); // the state's cookie, sent back as a browser would
        URI authorize = URI.create(url);
        String location = given().baseUri(WevionSystem.SIM).redirects().follow(false).urlEncodingEnabled(false)
                .get(authorize.getRawPath() + "?" + authorize.getRawQuery() + "&sim_user=" + simUser).then().statusCode(302)
                .extract().header("Location");
        URI callback = URI.create(location);
        Response answer = given().baseUri(WevionSystem.TOKEN).cookies(browserBinding).accept(ContentType.JSON).urlEncodingEnabled(false)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        answer.then().statusCode(200);
        return answer;
    }

    static String connect(User user, String platform, String simUser) {
        return connect(user, platform, simUser, "connect").path("platformUserId");
    }

    // --- token-service ------------------------------------------------------------------------

    /** The 12-hour refresh job, run now. */
    static void refreshSweep() {
        given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + serviceJwtOf("scheduler")).post("/internal/v1/refresh-sweep")
                .then().statusCode(200);
    }

    static Map<String, Object> platformUser(User user, String platformUserId) {
        List<Map<String, Object>> all = user.at(WevionSystem.TOKEN).get("/api/v1/platform-users").then().statusCode(200).extract().path("");
        return all.stream().filter(p -> platformUserId.equals(p.get("platformUserId"))).findFirst().orElse(null);
    }

    static Response credential(String platformUserId) {
        return given().baseUri(WevionSystem.TOKEN).header("Authorization", "Bearer " + serviceJwtOf("sync-worker"))
                .get("/internal/v1/credentials/" + platformUserId);
    }

    // --- connector-service --------------------------------------------------------------------

    static Map<String, Object> card(User user, String platform) {
        List<Map<String, Object>> cards = user.at(WevionSystem.CONNECTOR).get("/api/v1/connectors").then().statusCode(200).extract().path("");
        return cards.stream().filter(c -> platform.equals(c.get("platform"))).findFirst().orElse(Map.of());
    }

    static List<Map<String, Object>> adAccountsOf(User user, String platform) {
        return user.at(WevionSystem.CONNECTOR).queryParam("platform", platform).get("/api/v1/ad-accounts").then().statusCode(200)
                .extract().path("");
    }

    static Response gate(String adAccountId) {
        return given().baseUri(WevionSystem.CONNECTOR).header("Authorization", "Bearer " + serviceJwtOf("campaign-publisher"))
                .get("/internal/v1/ad-accounts/" + adAccountId + "/gate?action=publish");
    }

    // --- notification-service -----------------------------------------------------------------

    static int unread(User user) {
        return user.at(WevionSystem.NOTIFICATION).get("/api/v1/notifications/unread-count").then().statusCode(200).extract().path("count");
    }

    static List<Map<String, Object>> notifications(User user) {
        return user.at(WevionSystem.NOTIFICATION).get("/api/v1/notifications").then().statusCode(200).extract().path("");
    }

    // --- Telegram (simulated): a chat is a person talking to the bot -----------------------------

    /** The token of the deep link Settings → Notifications → Connect Telegram shows. */
    static String telegramLinkToken(User user) {
        String deepLink = user.at(WevionSystem.NOTIFICATION).post("/api/v1/telegram/link").then().statusCode(201).extract().path("deepLink");
        return deepLink.substring(deepLink.indexOf("start=") + 6);
    }

    static long newChat() {
        return given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("firstName", "Ana"))
                .post("/sim/telegram/chats").then().statusCode(201).extract().jsonPath().getLong("chatId");
    }

    static void say(long chat, String text) {
        given().baseUri(WevionSystem.SIM).contentType(ContentType.JSON).body(Map.of("text", text))
                .post("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).body("webhookStatus", equalTo(200));
    }

    static List<String> botSaid(long chat) {
        return given().baseUri(WevionSystem.SIM).get("/sim/telegram/chats/" + chat + "/messages").then().statusCode(200).extract().path("");
    }
}
