package ai.wevion.connector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.BadInputSweep;
import ai.wevion.testing.TestJwts;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input answers a 4xx: never a 500, never a stack trace at ERROR (issue 14, point 6). */
@QuarkusTest
class BadInputSweepTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAnswersMalformedWronglyTypedOversizedAndOddInputWithout5xxOrAnErrorLog() {
        String owner = TestJwts.session(TestJwts.newUser(UUID.randomUUID().toString(), "owner"));
        assertThat(BadInputSweep.sweep(base, owner)).isEmpty();
    }
}
