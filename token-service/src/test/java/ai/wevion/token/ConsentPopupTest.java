package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a browser meets: the popup's last page, the browser binding of the OAuth state, the platform list, pages. */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class ConsentPopupTest {

    @Test
    void thePopupEndsOnAPageThatTellsOnlyTheConsoleAndCloses_T1() {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Ana Popup", 5_000_000);
        String state = TokenApi.authorize(owner, "connect", null);
        String code = TokenApi.consent(state, ana);

        Response page = given().filter(Browser.COOKIES).accept("text/html").queryParam("code", code).queryParam("state", state)
                .get("/api/v1/connect/meta/callback");

        page.then().statusCode(200).contentType("text/html");
        String html = page.asString();
        assertThat(html).contains("Meta connected").contains("\"type\":\"wevion:connect\"").contains("\"outcome\":\"CONNECTED\"")
                .contains("postMessage(result, new URL(home).origin)").contains("window.close()")
                .contains("'http://127.0.0.1:8080'");
        assertThat(page.getHeader("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'nonce-");
        assertThat(page.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        // the binding cookie is spent with the state
        assertThat(page.getDetailedCookie(binding(state)).getMaxAge()).isZero();
    }

    @Test
    void everyErrorEndsOnTheSamePageWithItsMessage_T1() {
        User owner = TokenApi.owner();
        String state = TokenApi.authorize(owner, "connect", null);

        Response denied = given().filter(Browser.COOKIES).queryParam("error", "access_denied").queryParam("state", state)
                .get("/api/v1/connect/meta/callback");
        denied.then().statusCode(400).contentType("text/html");
        assertThat(denied.asString()).contains("Meta was not connected").contains("\"error\":\"access_denied\"")
                .contains("cancelled on the provider");

        Response forged = given().queryParam("code", "x").queryParam("state", "forged.state<script>")
                .get("/api/v1/connect/meta/callback");
        forged.then().statusCode(400).contentType("text/html");
        assertThat(forged.asString()).contains("\"error\":\"invalid_state\"").doesNotContain("<script>\"");
    }

    @Test
    void aConsentLinkForwardedToAnotherBrowserCannotAttachTheirAccount_T1() {
        User owner = TokenApi.owner();
        String victim = TokenApi.metaUser("Someone Else", 5_000_000);
        String state = TokenApi.authorize(owner, "connect", null); // the attacker's browser gets the cookie
        String code = TokenApi.consent(state, victim);

        // the victim's browser: no binding cookie for this state
        given().accept("application/json").queryParam("code", code).queryParam("state", state)
                .get("/api/v1/connect/meta/callback")
                .then().statusCode(400).body("error", equalTo("invalid_state"))
                .body("message", equalTo("This connection was started in another browser. Start it again here."));
        // a cookie of another state does not do either
        String other = TokenApi.authorize(owner, "connect", null);
        given().accept("application/json").cookie(binding(state), "x" + other).queryParam("code", code).queryParam("state", state)
                .get("/api/v1/connect/meta/callback").then().statusCode(400).body("error", equalTo("invalid_state"));
        given().header("Authorization", owner.bearer()).get("/api/v1/platform-users").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void thePlatformListSaysHowEachConnectsAndHowManyAreConnected() {
        User owner = TokenApi.owner();
        TokenApi.connect(owner, TokenApi.metaUser("Ana Count", 5_000_000));

        List<Map<String, Object>> platforms = given().header("Authorization", owner.bearer()).get("/api/v1/platforms")
                .then().statusCode(200).extract().path("");

        assertThat(platforms).extracting(p -> p.get("id")).startsWith("meta", "google-ads", "tiktok", "snapchat", "taboola", "outbrain",
                "stripe", "google-drive");
        assertThat(platforms.get(0)).containsEntry("displayName", "Meta").containsEntry("flow", "consent_popup")
                .containsEntry("adminOnly", false).containsEntry("connectedCount", 1).containsEntry("logoKey", "meta");
        assertThat(platforms).filteredOn(p -> p.get("id").equals("taboola")).first().hasFieldOrPropertyWithValue("flow", "credentials_form");
        assertThat(platforms).filteredOn(p -> p.get("id").equals("stripe")).first().hasFieldOrPropertyWithValue("adminOnly", true);
    }

    @Test
    void platformUsersComeAPageAtATimeWithACursor_T9() {
        User owner = TokenApi.owner();
        for (int i = 0; i < 3; i++) {
            TokenApi.connect(owner, TokenApi.metaUser("Paged " + i + " " + owner.workspaceId(), 5_000_000));
        }

        Response first = given().header("Authorization", owner.bearer()).queryParam("limit", 2).get("/api/v1/platform-users");
        first.then().statusCode(200).body("$", hasSize(2));
        String cursor = first.getHeader("X-Next-Cursor");
        assertThat(cursor).isNotBlank();
        Response second = given().header("Authorization", owner.bearer()).queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/api/v1/platform-users");
        second.then().statusCode(200).body("$", hasSize(1));
        assertThat(second.getHeader("X-Next-Cursor")).isNull();
        List<String> all = new java.util.ArrayList<>(first.jsonPath().getList("platformUserId"));
        all.addAll(second.jsonPath().getList("platformUserId"));
        assertThat(all).doesNotHaveDuplicates().hasSize(3);

        given().header("Authorization", owner.bearer()).queryParam("cursor", "not-a-cursor").get("/api/v1/platform-users")
                .then().statusCode(400).body("error", equalTo("invalid_cursor"));
        given().header("Authorization", owner.bearer()).queryParam("limit", 1000).get("/api/v1/platform-users")
                .then().statusCode(400).body("error", equalTo("invalid_limit"));
    }

    private static String binding(String state) {
        return "wevion_oauth_" + state.substring(0, 16);
    }
}
