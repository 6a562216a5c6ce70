package ai.wevion.token;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.MutableClock;
import ai.wevion.testing.ProviderSimulator;
import ai.wevion.testing.TestJwts.User;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshers racing for the same tokens (a sweep asked for twice, on-demand credential requests) never
 * refresh one credential twice; a replica runs one sweep at a time.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulator.class)
class RefreshRaceTest extends EmptyTokenTables {

    private static final int TOKENS = 500;



    @AfterEach
    void resetClock() {
        MutableClock.reset();
    }

    @Test
    void twoRacingSweepsAnd50CredentialRequestsOver500DueTokensMakeExactlyOneExchangePerToken() throws Exception {
        User owner = TokenApi.owner();
        ExecutorService pool = Executors.newFixedThreadPool(52);
        try {
            List<Future<String[]>> connects = new ArrayList<>();
            for (int i = 0; i < TOKENS; i++) {
                int n = i;
                connects.add(pool.submit(() -> {
                    String sim = ProviderSimulator.newUser("meta", Map.of("name", "Racer " + n));
                    return new String[] {sim, (String) TokenApi.connect(owner, sim).get("platformUserId")};
                }));
            }
            List<String[]> tokens = new ArrayList<>();
            for (Future<String[]> f : connects) {
                tokens.add(f.get(60, TimeUnit.SECONDS));
            }
            // 30 minutes before the 60-day tokens expire: due for the sweep and for on-demand refresh
            MutableClock.advance(Duration.ofSeconds(5183944).minusMinutes(30));

            List<Callable<Response>> racers = new ArrayList<>();
            racers.add(TokenApi::sweep);
            racers.add(TokenApi::sweep);
            IntStream.range(0, 50).forEach(i -> racers.add(() -> TokenApi.credential(tokens.get(i * 7 % TOKENS)[1])));
            List<Future<Response>> answers = pool.invokeAll(racers, 120, TimeUnit.SECONDS);

            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get().statusCode()).as("racer %d", i).isEqualTo(200);
            }
            // one sweep at a time in a replica: the second request joined the running sweep and got its result
            int first = answers.get(0).get().<Integer>path("refreshed");
            assertThat(answers.get(1).get().<Integer>path("refreshed")).as("the joined sweep's result").isEqualTo(first);
            assertThat(first).isLessThanOrEqualTo(TOKENS).isGreaterThanOrEqualTo(TOKENS - 50);
            Map<String, Number> calls = ProviderSimulator.allCalls();
            for (String[] token : tokens) {
                assertThat(calls.get("meta:exchange:" + token[0]).intValue()).as("exchanges of %s", token[0])
                        .isEqualTo(2); // one at connect, exactly one refresh
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
