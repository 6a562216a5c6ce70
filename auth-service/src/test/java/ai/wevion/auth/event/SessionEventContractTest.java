package ai.wevion.auth.event;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.EventContract;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What auth-service can say on session-events is exactly what docs/events says (A3, A4). */
class SessionEventContractTest {

    @Test
    void everySessionEventTypeIsDocumentedAndEveryDocumentedTypeCanBeSent_A3() {
        EventContract.assertTypesMatch("session-events", SessionEventType.class);
    }

    @Test
    void everyEndReasonIsDocumented_A4() {
        assertThat(Arrays.stream(SessionEndReason.values()).map(Enum::name).toList())
                .containsExactlyInAnyOrderElementsOf(EventContract.enumOf("session-events", "reason"));
    }
}
