package ai.wevion.token.event;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.EventContract;
import ai.wevion.token.catalog.ProviderCatalog;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What token-service can say on token-status is exactly what docs/events says (T11). */
class TokenStatusContractTest {

    @Test
    void everyTokenEventTypeIsDocumentedAndEveryDocumentedTypeCanBeSent_T11() {
        EventContract.assertTypesMatch("token-status", TokenEventType.class);
    }

    @Test
    void statusesAndPlatformsAreTheDocumentedOnes_T11() {
        assertThat(Arrays.stream(PlatformUserStatus.values()).map(Enum::name).toList())
                .containsExactlyInAnyOrderElementsOf(EventContract.enumOf("token-status", "status"));
        assertThat(ProviderCatalog.ALL).containsExactlyInAnyOrderElementsOf(EventContract.enumOf("token-status", "platform"));
    }
}
