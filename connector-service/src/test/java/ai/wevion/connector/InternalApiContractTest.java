package ai.wevion.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.testing.InternalContract;
import ai.wevion.testing.InternalContract.Interaction;
import ai.wevion.connector.TokenEvents.Account;
import ai.wevion.testing.FreshConsumerGroups;
import ai.wevion.testing.MutableClock;
import ai.wevion.testing.TestJwts;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Provider verification of connector-service's /internal/v1 (docs/contracts/README.md):
 * every interaction a consumer wrote down in docs/contracts/internal-v1/ is
 * replayed against this service in its provider state — set up with
 * token-status events as token-service publishes them — answered as that
 * consumer expects, and published in docs/openapi/connector-service.yaml (C1, C5).
 */
@QuarkusTest
@QuarkusTestResource(value = FreshConsumerGroups.class, initArgs = @ResourceArg(name = "channels", value = "token-status,sync-results"))
class InternalApiContractTest {

    private static final String PROVIDER = "connector-service";
    private static final Map<String, Interaction> INTERACTIONS = InternalContract.of(PROVIDER);

    private final TokenEvents tokens = new TokenEvents();

    /** Each provider state a consumer may name: sets it up and gives the path's placeholders. */
    private final Map<String, Supplier<Map<String, String>>> states = Map.of(
            "an ad account covered by an active Meta token", () -> adAccount(false),
            "an ad account whose only Meta token expired", () -> adAccount(true),
            "no ad account with this id", () -> Map.of("id", UUID.randomUUID().toString()));

    @BeforeEach
    void consumersAreListening() {
        FreshConsumerGroups.awaitAssigned();
    }

    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    static Stream<String> interactions() {
        return INTERACTIONS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void everyConsumerGetsTheAnswerItExpects_C1_C5(String name) {
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

    /** A Meta user connects with one ad account (and, if {@code expired}, its refresh then fails for good), as token-service tells it. */
    private Map<String, String> adAccount(boolean expired) {
        User owner = TestJwts.newUser(UUID.randomUUID().toString(), "owner");
        String platformUser = UUID.randomUUID().toString();
        Account account = Account.random();
        tokens.tokenStatus("TOKEN_CONNECTED", owner.workspaceId(), platformUser, "ACTIVE", null, List.of(account));
        if (expired) {
            tokens.tokenStatus("TOKEN_EXPIRED", owner.workspaceId(), platformUser, "EXPIRED", "PASSWORD_CHANGED", List.of(account));
        }
        String syncStatus = expired ? "STOPPED" : "SYNCING";
        await().atMost(Duration.ofSeconds(5)).until(() -> syncStatus.equals(syncStatusOf(owner, account)));
        return Map.of("id", account.adAccountId());
    }

    private static String syncStatusOf(User owner, Account account) {
        List<Map<String, Object>> accounts = ConnectorApi.adAccounts(owner).then().statusCode(200).extract().path("");
        return accounts.stream().filter(a -> account.adAccountId().equals(a.get("adAccountId")))
                .map(a -> (String) a.get("syncStatus")).findFirst().orElse(null);
    }
}
