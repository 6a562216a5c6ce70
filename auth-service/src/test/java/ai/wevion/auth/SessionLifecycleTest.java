package ai.wevion.auth;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TopicProbe;
import static ai.wevion.auth.AuthApi.COOKIE;
import static ai.wevion.auth.AuthApi.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import ai.wevion.auth.AuthApi.Login;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionLifecycleTest {

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void loginGivesAOneHourJwtWithTheContractClaimsAndASevenDaySessionCookie_A1() {
        String email = AuthApi.uniqueEmail("a1");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthApi.anAddress())
                .body(Map.of("email", email, "password", PASSWORD, "workspaceName", "A1 Agency"))
                .post("/api/v1/auth/signup").then().statusCode(201)
                .body("userId", notNullValue()).body("workspaceId", notNullValue());

        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/v1/auth/login");

        login.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(3600));
        Map<String, Object> claims = AuthApi.claims(login.path("accessToken"));
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(3600);
        assertThat(claims).containsKeys("iss", "sub", "ws", "groups", "sid", "jti");
        assertThat(claims.get("iss")).isEqualTo("https://auth.wevion.ai");
        assertThat(claims.get("groups")).asList().containsExactly("owner");
        assertThat(AuthApi.header(login.path("accessToken"))).containsEntry("alg", "ES256").containsEntry("kid", "test-2026-11");

        Instant sessionExpires = Instant.parse(login.path("sessionExpiresAt"));
        assertThat(sessionExpires).isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        String setCookie = login.getHeader("Set-Cookie");
        assertThat(setCookie).contains(COOKIE + "=").contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
        AuthApi.me(login.path("accessToken")).then().statusCode(200).body("userId", equalTo(claims.get("sub")));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer_A1() {
        Login owner = AuthApi.newWorkspaceOwner();

        Response unknown = given().contentType(ContentType.JSON)
                .body(Map.of("email", AuthApi.uniqueEmail("nobody"), "password", PASSWORD))
                .post("/api/v1/auth/login");
        Response wrong = given().contentType(ContentType.JSON)
                .body(Map.of("email", owner.email(), "password", "not the password"))
                .post("/api/v1/auth/login");

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.asString()).isEqualTo(wrong.asString());
        unknown.then().body("error", equalTo("invalid_credentials"));
    }

    @Test
    void repeatedFailedLoginsMustWaitBeforeTryingAgain_A1() {
        String email = AuthApi.uniqueEmail("victim");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", AuthApi.anAddress())
                .body(Map.of("email", email, "password", PASSWORD, "workspaceName", "Throttled"))
                .post("/api/v1/auth/signup").then().statusCode(201);
        for (int i = 0; i < 6; i++) {
            loginAttempt(email, "guess-" + i).then().statusCode(401);
        }

        Response blocked = loginAttempt(email, PASSWORD);

        blocked.then().statusCode(429).body("error", equalTo("too_many_attempts"));
        assertThat(blocked.getHeader("Retry-After")).isNotNull();
        MutableClock.advance(Duration.ofSeconds(11));
        loginAttempt(email, PASSWORD).then().statusCode(200);
    }

    @Test
    void refreshWithinTheFirstDayKeepsTheSessionEndAndCookie_A2() {
        Login browser = AuthApi.newWorkspaceOwner();
        Instant firstEnd = Instant.parse(AuthApi.refresh(browser.cookie()).path("sessionExpiresAt"));
        MutableClock.advance(Duration.ofHours(23));

        Response refreshed = AuthApi.refresh(browser.cookie());

        refreshed.then().statusCode(200).body("expiresIn", equalTo(3600));
        assertThat(Instant.parse(refreshed.path("sessionExpiresAt"))).isEqualTo(firstEnd);
        assertThat(refreshed.getCookie(COOKIE)).isNull();
        Map<String, Object> claims = AuthApi.claims(refreshed.path("accessToken"));
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(3600);
    }

    @Test
    void refreshAfterADaySlidesTheSessionToSevenDaysAndRotatesTheCookie_A2() {
        Login browser = AuthApi.newWorkspaceOwner();
        MutableClock.advance(Duration.ofHours(25));
        Instant now = Instant.now().plus(Duration.ofHours(25));

        Response slid = AuthApi.refresh(browser.cookie());

        slid.then().statusCode(200);
        assertThat(Instant.parse(slid.path("sessionExpiresAt")))
                .isBetween(now.plus(Duration.ofDays(7)).minusSeconds(60), now.plus(Duration.ofDays(7)).plusSeconds(60));
        String rotated = slid.getCookie(COOKIE);
        assertThat(rotated).isNotNull().isNotEqualTo(browser.cookie());
        AuthApi.refresh(rotated).then().statusCode(200);
        // a parallel tab that still sent the old cookie a moment later is not punished
        AuthApi.refresh(browser.cookie()).then().statusCode(200);
    }

    @Test
    void aRotatedOutCookieUsedAfterTheGraceEndsTheSession_A2() throws Exception {
        Login browser = AuthApi.newWorkspaceOwner();
        MutableClock.advance(Duration.ofHours(25));
        String rotated = AuthApi.refresh(browser.cookie()).getCookie(COOKIE);
        MutableClock.advance(Duration.ofMinutes(5));

        try (TopicProbe events = new TopicProbe("session-events")) {
            AuthApi.refresh(browser.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));

            AuthApi.refresh(rotated).then().statusCode(401).body("error", equalTo("session_expired"));
            String sid = (String) AuthApi.claims(browser.jwt()).get("sid");
            await().atMost(Duration.ofSeconds(5)).until(() -> events.events().stream()
                    .anyMatch(e -> e.contains(sid) && e.contains("SESSION_REVOKED") && e.contains("SECRET_REUSED")));
        }
    }

    @Test
    void aSessionNotRefreshedForSevenDaysIsGone_A2_A6() {
        Login browser = AuthApi.newWorkspaceOwner();
        MutableClock.advance(Duration.ofDays(7).plusMinutes(1));

        AuthApi.refresh(browser.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));
    }

    @Test
    void logoutInOneTabFailsTheOtherTabsNextRefreshAndItsJwt_A3() {
        Login tabOne = AuthApi.newWorkspaceOwner();
        String tabTwoJwt = AuthApi.refresh(tabOne.cookie()).path("accessToken");

        given().cookie(COOKIE, tabOne.cookie()).post("/api/v1/auth/logout").then().statusCode(204);

        AuthApi.refresh(tabOne.cookie()).then().statusCode(401).body("error", equalTo("session_expired"));
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                AuthApi.me(tabTwoJwt).then().statusCode(401).body("error", equalTo("session_expired")));
    }

    @Test
    void refreshWithoutACookieAsksToLogIn_A6() {
        given().post("/api/v1/auth/token").then().statusCode(401)
                .body("error", equalTo("session_expired")).body("message", notNullValue());
    }

    @Test
    void meAnswersWithoutImpersonatorForANormalSession_A5() {
        Login owner = AuthApi.newWorkspaceOwner();
        AuthApi.me(owner.jwt()).then().statusCode(200).body("impersonatorId", nullValue());
    }

    private static Response loginAttempt(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password)).post("/api/v1/auth/login");
    }
}
