package ai.wevion.notification.event;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.EventContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** notification-service's event types against docs/events: what it reads is what the schemas say. */
class EventsMatchTheirSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void everyTopicsTypesAreTheSchemasTypes_T11_N1() {
        EventContract.assertTypesMatch(TokenStatus.TOPIC, TokenStatusType.class);
        EventContract.assertTypesMatch(SyncResult.TOPIC, SyncResultType.class);
    }

    @Test
    void platformsAndStatusesAreTheSchemasValues_T11_N1() {
        assertThat(Arrays.stream(Platform.values()).map(Platform::id).collect(Collectors.toSet()))
                .isEqualTo(EventContract.enumOf(TokenStatus.TOPIC, "platform"));
        assertThat(Arrays.stream(PlatformUserStatus.values()).map(Enum::name).collect(Collectors.toSet()))
                .isEqualTo(EventContract.enumOf(TokenStatus.TOPIC, "status"));
    }

    @Test
    void aTypeOrStatusThisServiceDoesNotKnowReadsAsNullInsteadOfSkippingTheEvent_N1() throws Exception {
        TokenStatus e = JSON.readValue("""
                {"eventId":"e1","type":"TOKEN_SOMETHING_NEW","occurredAt":"2026-03-01T10:00:00Z","workspaceId":"w",
                 "platform":"pinterest","platformUserId":"u","status":"SUSPENDED","somethingElse":1}""", TokenStatus.class);

        assertThat(e.type()).isNull();
        assertThat(e.status()).isNull();
        assertThat(e.eventId()).isEqualTo("e1");
        assertThat(e.platform()).isEqualTo("pinterest");
        assertThat(JSON.readValue("{\"eventId\":\"e2\",\"type\":\"SYNC_PAUSED\"}", SyncResult.class).type()).isNull();
    }

    @Test
    void aCredentialWithoutADisplayNameIsNamedByItsExternalId_N1() throws Exception {
        assertThat(JSON.readValue("{\"externalUserId\":\"fb-1\"}", TokenStatus.class).shownName()).isEqualTo("fb-1");
        assertThat(JSON.readValue("{\"externalUserId\":\"fb-1\",\"displayName\":\"Ana\"}", TokenStatus.class).shownName())
                .isEqualTo("Ana");
    }

    @Test
    void eachPlatformHasOneNameAnUnknownIdIsShownAsItIsAndNoneIsEmpty_N1() {
        assertThat(Platform.nameOf("google-ads")).isEqualTo("Google Ads");
        assertThat(Platform.nameOf("pinterest")).isEqualTo("pinterest");
        assertThat(Platform.nameOf(null)).isEmpty();
    }
}
