package ai.wevion.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A token that dies while its refresh is in flight stays dead: Meta's
 * deauthorize callback lands between the refresh's claim and its answer, and
 * the refresh's late success must neither announce TOKEN_REFRESHED nor reopen
 * anything (T4: an expired token stays expired until the user reconnects).
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class ExpireDuringRefreshTest extends EmptyTokenTables {

    private static final long SIXTY_DAYS = 5183944;

    @AfterEach
    void reset() {
        ProviderSimulator.sim().contentType("application/json").body(Map.of("latencyMs", 0)).post("/sim/settings");
        MutableClock.reset();
    }

    @Test
    void anAppRemovedDuringAnInFlightRefreshStaysExpiredAndNoRefreshIsAnnounced_T4() throws Exception {
        User owner = TokenApi.owner();
        String ana = TokenApi.metaUser("Mid-flight", SIXTY_DAYS);
        try (TopicProbe events = new TopicProbe("token-status")) {
            String id = (String) TokenApi.connect(owner, ana).get("platformUserId");
            MutableClock.advance(Duration.ofSeconds(SIXTY_DAYS).minusDays(1)); // due for the sweep
            // Meta answers the exchange after 2 s (its timeout here is 3 s): the deauthorize lands in between
            ProviderSimulator.sim().contentType("application/json").body(Map.of("latencyMs", 2000)).post("/sim/settings")
                    .then().statusCode(204);
            CompletableFuture<Response> sweep = CompletableFuture.supplyAsync(TokenApi::sweep);
            await().atMost(Duration.ofSeconds(10)).until(() -> claimedBy(id) != null);
            MutableClock.reset(); // back to now: Meta's signed_request is checked for its age against this clock

            ProviderSimulator.sim().contentType("application/json")
                    .body(Map.of("callbackUrl", "http://127.0.0.1:18082/api/v1/connect/meta/deauthorize"))
                    .post("/sim/meta/users/" + ana + "/deauthorize").then().statusCode(200);

            Response swept = sweep.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(swept.statusCode()).isEqualTo(200);
            assertThat(swept.<Integer>path("refreshed")).as("the late answer is not a refresh").isZero();
            assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "EXPIRED").containsEntry("lastRefreshError", "APP_REMOVED");
            TokenApi.credential(id).then().statusCode(409);

            // a later change of the same record: every event before it has been relayed by then (one key, one partition)
            given().header("Authorization", owner.bearer()).post("/api/v1/platform-users/" + id + "/archive").then().statusCode(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> types(events, id).contains("PLATFORM_USER_ARCHIVED"));
            assertThat(types(events, id)).containsExactly("TOKEN_CONNECTED", "TOKEN_EXPIRED", "PLATFORM_USER_ARCHIVED");
        }
    }

    private String claimedBy(String id) {
        return db.preparedQuery("select claimed_by from meta_token where platform_user_id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().indefinitely().iterator().next().getString(0);
    }

    private static List<String> types(TopicProbe events, String id) {
        return events.events().stream().filter(e -> e.contains(id))
                .map(e -> e.replaceAll("(?s).*\"type\"\\s*:\\s*\"([A-Z_]+)\".*", "$1")).toList();
    }
}
