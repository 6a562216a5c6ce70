package ai.wevion.token;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import ai.wevion.testing.InternalContract;
import ai.wevion.testing.InternalContract.Interaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provider verification of token-service's /internal/v1 (docs/contracts/README.md):
 * every interaction a consumer wrote down in docs/contracts/internal-v1/ is
 * replayed against this service in its provider state and answered as that
 * consumer expects, and is published in docs/openapi/token-service.yaml (T2, T3, T4).
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class InternalApiContractTest extends EmptyTokenTables {

    private static final String PROVIDER = "token-service";
    private static final long DAY = 86_400;
    private static final Map<String, Interaction> INTERACTIONS = InternalContract.of(PROVIDER);

    /** Each provider state a consumer may name: sets it up and gives the path's placeholders. */
    private final Map<String, Supplier<Map<String, String>>> states = Map.of(
            "an active Meta token", () -> platformUser(TokenApi.metaUser("Contract Meta", 60 * DAY)),
            "an active Google Ads token", () -> Map.of("platformUserId",
                    OAuthApi.connect(TokenApi.owner(), "google-ads", OAuthApi.simUser("google", "Contract Google", "1234567890"))),
            "an active TikTok advertiser token, which never expires", () -> Map.of("platformUserId",
                    OAuthApi.connect(TokenApi.owner(), "tiktok", OAuthApi.simUser("tiktok", "Contract TikTok", "7001"))),
            "an expired Meta token", this::expiredMetaToken,
            "no platform user with this id", () -> Map.of("platformUserId", UUID.randomUUID().toString()),
            "a Meta token due for refresh", () -> platformUser(TokenApi.metaUser("Contract due", 3 * DAY)),
            "an active Meta token and an expired one", () -> {
                platformUser(TokenApi.metaUser("Contract listed", 60 * DAY));
                return expiredMetaToken();
            });

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    static Stream<String> interactions() {
        return INTERACTIONS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void everyConsumerGetsTheAnswerItExpects_T2_T3_T4(String name) {
        Interaction interaction = INTERACTIONS.get(name);
        Map<String, String> params = states.get(interaction.providerState()).get();

        InternalContract.assertAnswers(interaction, InternalContract.replay(interaction, params));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void everyInteractionIsPublishedInTheOpenApiDocument(String name) {
        InternalContract.assertPublished(INTERACTIONS.get(name), PROVIDER);
    }

    @Test
    void everyProviderStateAConsumerNamesIsOneThisTestSetsUp() {
        assertThat(states.keySet()).containsAll(INTERACTIONS.values().stream().map(Interaction::providerState).toList());
    }

    private static Map<String, String> platformUser(String metaSimUser) {
        return Map.of("platformUserId", (String) TokenApi.connect(TokenApi.owner(), metaSimUser).get("platformUserId"));
    }

    /** Meta refuses the refresh for good (190/460, the password changed): the sweep expires the token (T4). */
    private Map<String, String> expiredMetaToken() {
        User owner = TokenApi.owner();
        String sim = TokenApi.metaUser("Contract expired", 2 * DAY);
        String id = (String) TokenApi.connect(owner, sim).get("platformUserId");
        ProviderSimulator.fail("meta", sim, Map.of("mode", "PASSWORD_CHANGED"));
        TokenApi.sweep().then().statusCode(200);
        assertThat(TokenApi.platformUser(owner, id)).containsEntry("status", "EXPIRED");
        return Map.of("platformUserId", id);
    }
}
