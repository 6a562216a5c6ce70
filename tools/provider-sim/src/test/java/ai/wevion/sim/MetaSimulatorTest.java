package ai.wevion.sim;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator answers like Meta's real token endpoints (docs/providers.md), failures included. */
@QuarkusTest
class MetaSimulatorTest {

    private static final String V = "/meta/v21.0";
    private static final String APP = "wevion-local-app";
    private static final String SECRET = "local-meta-app-secret";
    private static final String REDIRECT = "http://127.0.0.1:8082/api/v1/connect/meta/callback";

    @Test
    void connectFlowGivesAShortLivedThenALongLivedTokenAndTheUsersIdentity_T1() {
        String user = newUser(Map.of("name", "Ana Buyer", "adAccounts", List.of(Map.of("id", "111", "name", "Acme EU"))));

        String code = authorize(user);
        Response shortLived = given().queryParams(Map.of("client_id", APP, "client_secret", SECRET, "redirect_uri", REDIRECT,
                "code", code)).get(V + "/oauth/access_token");
        shortLived.then().statusCode(200).body("token_type", equalTo("bearer")).body("expires_in", equalTo(7200));
        String longLived = exchange(shortLived.path("access_token")).then().statusCode(200)
                .body("expires_in", equalTo(5183944)).extract().path("access_token");

        assertThat(longLived).isNotEqualTo(shortLived.path("access_token"));
        given().queryParam("access_token", longLived).get(V + "/me").then().statusCode(200)
                .body("id", equalTo(user)).body("name", equalTo("Ana Buyer"));
        given().header("Authorization", "Bearer " + longLived).get(V + "/me/adaccounts").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo("act_111")).body("data[0].account_status", equalTo(1));
        given().queryParams(Map.of("input_token", longLived, "access_token", APP + "|" + SECRET)).get(V + "/debug_token")
                .then().statusCode(200).body("data.is_valid", equalTo(true)).body("data.user_id", equalTo(user));
    }

    @Test
    void anAuthorizationCodeWorksOnceAndTheClientSecretIsChecked() {
        String user = newUser(Map.of("name", "Bo"));
        String code = authorize(user);
        Map<String, String> params = Map.of("client_id", APP, "client_secret", SECRET, "redirect_uri", REDIRECT, "code", code);
        given().queryParams(params).get(V + "/oauth/access_token").then().statusCode(200);

        given().queryParams(params).get(V + "/oauth/access_token").then().statusCode(400)
                .body("error.code", equalTo(100)).body("error.message", equalTo("This authorization code has been used."));
        given().queryParams(Map.of("client_id", APP, "client_secret", "wrong", "code", authorize(user)))
                .get(V + "/oauth/access_token").then().statusCode(400).body("error.code", equalTo(1));
    }

    @Test
    void eachPermanentFailureAnswersCode190WithItsSubcode_T4() {
        Map<String, Integer> subcodes = Map.of("EXPIRED", 463, "APP_REMOVED", 458, "CHECKPOINT", 459, "PASSWORD_CHANGED", 460,
                "UNCONFIRMED", 464, "LOGGED_OUT", 467, "DATA_ACCESS_EXPIRED", 493);
        subcodes.forEach((mode, subcode) -> {
            String user = newUser(Map.of("name", mode));
            String token = longLivedToken(user);
            fail(user, Map.of("mode", mode));

            exchange(token).then().statusCode(400)
                    .header("WWW-Authenticate", startsWith("OAuth \"Facebook Platform\" \"invalid_token\""))
                    .body("error.type", equalTo("OAuthException"))
                    .body("error.code", equalTo(190))
                    .body("error.error_subcode", equalTo(subcode));
        });
    }

    @Test
    void rateLimitsAndTransientErrorsLookLikeMetasAndPassAfterCount_T4() {
        String user = newUser(Map.of("name", "Busy"));
        String token = longLivedToken(user);

        fail(user, Map.of("mode", "RATE_LIMITED", "count", 1));
        Response limited = exchange(token);
        limited.then().statusCode(400).body("error.code", equalTo(17)).body("error.error_subcode", equalTo(2446079));
        assertThat(limited.getHeader("X-Business-Use-Case-Usage")).contains("estimated_time_to_regain_access");
        exchange(token).then().statusCode(200);

        fail(user, Map.of("mode", "TRANSIENT", "count", 2));
        exchange(token).then().statusCode(503).body("error.code", equalTo(2)).body("error.is_transient", equalTo(true));
        exchange(token).then().statusCode(503);
        exchange(token).then().statusCode(200);
    }

    @Test
    void everyMetaRateLimitCodeCanBeInjectedWithItsUsageHeaders_T4() {
        String user = newUser(Map.of("name", "Throttled"));
        String token = longLivedToken(user);
        for (int code : new int[] {4, 17, 32, 613, 80000, 80004}) {
            fail(user, Map.of("mode", "RATE_LIMITED", "count", 1, "code", code));
            Response limited = exchange(token);
            limited.then().statusCode(400).body("error.code", equalTo(code));
            assertThat(limited.getHeader("X-App-Usage")).contains("call_count");
        }
        fail(user, Map.of("mode", "TRANSIENT", "count", 1, "code", 1));
        exchange(token).then().statusCode(500).body("error.code", equalTo(1));
        fail(user, Map.of("mode", "INVALID_GRANT", "count", 1, "code", 466));
        exchange(token).then().statusCode(400).body("error.code", equalTo(190)).body("error.error_subcode", equalTo(466));
        exchange(token).then().statusCode(200);
    }

    @Test
    void aTokenPastItsExpiryCannotBeExchangedAndUnknownTokensDoNotParse_T4() throws Exception {
        String user = newUser(Map.of("name", "Short", "tokenLifetimeSeconds", 1));
        String token = longLivedToken(user);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> exchange(token).statusCode() == 400);

        exchange(token).then().body("error.code", equalTo(190)).body("error.error_subcode", equalTo(463));
        exchange("EAAGnot-a-token").then().statusCode(400).body("error.code", equalTo(190))
                .body("error.message", equalTo("Invalid OAuth access token - Cannot parse access token"));
    }

    @Test
    void statsCountEveryExchangePerUser() {
        String user = newUser(Map.of("name", "Counted"));
        String token = longLivedToken(user);
        exchange(token).then().statusCode(200);

        given().get("/sim/stats").then().statusCode(200).body("calls.'meta:exchange:" + user + "'", equalTo(2));
    }

    @Test
    void adAccountsArePagedWithCursors() {
        List<Map<String, String>> accounts = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> Map.of("id", String.valueOf(1000 + i), "name", "Account " + i)).toList();
        String token = longLivedToken(newUser(Map.of("name", "Agency", "adAccounts", accounts)));

        Response first = given().queryParams("access_token", token, "limit", 25).get(V + "/me/adaccounts");
        first.then().body("data", hasSize(25));
        String after = first.path("paging.cursors.after");
        given().queryParams("access_token", token, "after", after).get(V + "/me/adaccounts").then()
                .body("data", hasSize(5)).body("data[4].id", equalTo("act_1029"));
    }

    @Test
    void aPersonInABrowserPicksWhoTheyAreThenAllowsOrCancels_T1() {
        String ana = newUser(Map.of("name", "Ana <Browser>"));
        Map<String, String> dialog = Map.of("client_id", APP, "redirect_uri", REDIRECT, "state", "s2", "response_type", "code");

        Response page = given().queryParams(dialog).get(V + "/dialog/oauth");
        page.then().statusCode(200).contentType("text/html");
        assertThat(page.asString()).contains("Facebook").contains("value=\"" + ana + "\"").contains("Ana &lt;Browser&gt;")
                .contains("name=\"state\" value=\"s2\"").contains(">Allow</button>").contains(">Cancel</button>");

        Response allowed = given().redirects().follow(false).queryParams(dialog).queryParam("sim_user", ana)
                .queryParam("sim_answer", "allow").get(V + "/dialog/oauth");
        allowed.then().statusCode(302);
        assertThat(allowed.getHeader("Location")).startsWith(REDIRECT + "?code=").contains("state=s2");

        Response cancelled = given().redirects().follow(false).queryParams(dialog).queryParam("sim_answer", "cancel")
                .get(V + "/dialog/oauth");
        cancelled.then().statusCode(302);
        assertThat(URI.create(cancelled.getHeader("Location")).getQuery()).contains("error=access_denied")
                .contains("error_reason=user_denied").contains("state=s2").doesNotContainPattern("(^|&)code=");
    }

    @Test
    void theSimulatorsPageKillsAPersonsTokenAndAnotherConsentHealsIt_T4() {
        String user = newUser(Map.of("name", "Cleo Page"));
        String token = exchange(codeExchange(authorize(user))).then().statusCode(200).extract().path("access_token");
        assertThat(given().get("/sim/page").asString()).contains("Cleo Page").contains("/sim/page/meta/" + user + "/password-changed");

        given().redirects().follow(false).post("/sim/page/meta/" + user + "/password-changed").then().statusCode(303);
        exchange(token).then().statusCode(400).body("error.code", equalTo(190)).body("error.error_subcode", equalTo(460));

        // she logs in again and approves on the consent page: a working login again
        Response consented = given().redirects().follow(false).queryParams(Map.of("client_id", APP, "redirect_uri", REDIRECT,
                "state", "s3", "response_type", "code", "sim_user", user, "sim_answer", "allow")).get(V + "/dialog/oauth");
        String code = URI.create(consented.getHeader("Location")).getQuery().replaceAll(".*code=([^&]+).*", "$1");
        exchange(codeExchange(code)).then().statusCode(200);
    }

    private static String codeExchange(String code) {
        return given().queryParams(Map.of("client_id", APP, "client_secret", SECRET, "redirect_uri", REDIRECT, "code", code))
                .get(V + "/oauth/access_token").then().statusCode(200).extract().path("access_token");
    }

    private static String newUser(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/sim/meta/users")
                .then().statusCode(201).extract().path("externalUserId");
    }

    private static void fail(String user, Map<String, Object> failure) {
        given().contentType(ContentType.JSON).body(failure).post("/sim/meta/users/" + user + "/failure").then().statusCode(204);
    }

    private static String authorize(String user) {
        Response redirect = given().redirects().follow(false)
                .queryParams(Map.of("client_id", APP, "redirect_uri", REDIRECT, "state", "s1", "response_type", "code",
                        "scope", "ads_read,ads_management", "sim_user", user))
                .get(V + "/dialog/oauth");
        redirect.then().statusCode(302);
        URI location = URI.create(redirect.getHeader("Location"));
        assertThat(location.toString()).startsWith(REDIRECT).contains("state=s1");
        return location.getQuery().replaceAll(".*code=([^&]+).*", "$1");
    }

    private static String longLivedToken(String user) {
        String shortLived = given().queryParams(Map.of("client_id", APP, "client_secret", SECRET, "redirect_uri", REDIRECT,
                "code", authorize(user))).get(V + "/oauth/access_token").path("access_token");
        return exchange(shortLived).then().statusCode(200).extract().path("access_token");
    }

    private static Response exchange(String token) {
        return given().queryParams(Map.of("grant_type", "fb_exchange_token", "client_id", APP, "client_secret", SECRET,
                "fb_exchange_token", token)).get(V + "/oauth/access_token");
    }
}
