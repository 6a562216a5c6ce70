package ai.wevion.connector.event;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.testing.EventContract;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** connector-service's event types against docs/events: what it reads and writes is what the schemas say. */
class EventsMatchTheirSchemasTest {

    // as Quarkus configures its ObjectMapper: ISO instants, unknown fields ignored
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void everyTopicsTypesAreTheSchemasTypes_T11_C5_C7() {
        EventContract.assertTypesMatch(TokenStatus.TOPIC, TokenStatusType.class);
        EventContract.assertTypesMatch(SyncResult.TOPIC, SyncResultType.class);
        EventContract.assertTypesMatch(ConnectorStatus.TOPIC, ConnectorStatusType.class);
        EventContract.assertTypesMatch(SyncRequest.TOPIC, SyncRequestType.class);
    }

    @Test
    void platformsStatusesAndTriggersAreTheSchemasValues_T11_C1_C7() {
        assertThat(Arrays.stream(Platform.values()).map(Platform::id).collect(Collectors.toSet()))
                .isEqualTo(EventContract.enumOf(TokenStatus.TOPIC, "platform"));
        assertThat(names(PlatformUserStatus.values())).isEqualTo(EventContract.enumOf(TokenStatus.TOPIC, "status"));
        assertThat(names(SyncTrigger.values())).isEqualTo(EventContract.enumOf(SyncRequest.TOPIC, "trigger"));
    }

    @Test
    void aTypeOrStatusThisServiceDoesNotKnowReadsAsNullInsteadOfSkippingTheEvent_T11() throws Exception {
        TokenStatus e = JSON.readValue("""
                {"eventId":"e1","type":"TOKEN_SOMETHING_NEW","occurredAt":"2026-03-01T10:00:00Z","workspaceId":"w","platform":"pinterest",
                 "platformUserId":"u","status":"SUSPENDED","adAccounts":[{"adAccountId":"a","externalId":"act_1"}]}""", TokenStatus.class);

        assertThat(e.type()).isNull();
        assertThat(e.status()).isNull();
        assertThat(e.platform()).isEqualTo("pinterest");
        assertThat(e.accounts()).hasSize(1);
        assertThat(JSON.readValue("{\"eventId\":\"e2\",\"type\":\"SYNC_PAUSED\"}", SyncResult.class).completed()).isFalse();
    }

    @Test
    void anEventWithoutNamesIsShownByItsExternalIds_C1() throws Exception {
        TokenStatus e = JSON.readValue("""
                {"type":"TOKEN_CONNECTED","externalUserId":"fb-1","adAccounts":[{"adAccountId":"a","externalId":"act_1"}]}""",
                TokenStatus.class);

        assertThat(e.shownName()).isEqualTo("fb-1");
        assertThat(e.accounts().get(0).shownName()).isEqualTo("act_1");
        assertThat(JSON.readValue("{}", TokenStatus.class).accounts()).isEmpty();
    }

    @Test
    void theEventsThisServiceWritesConformToTheirSchemas_C5_C7() throws Exception {
        String closed = JSON.writeValueAsString(ConnectorStatus.gateChanged(NOW, UUID.randomUUID(), UUID.randomUUID(), false));
        String request = JSON.writeValueAsString(SyncRequest.of(NOW, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), NOW.minusSeconds(900), NOW, SyncTrigger.BACKFILL));

        EventContract.assertConforms(ConnectorStatus.TOPIC, closed);
        EventContract.assertConforms(SyncRequest.TOPIC, request);
        assertThat(closed).contains("\"type\":\"AD_ACCOUNT_GATE_CHANGED\"", "\"reason\":\"TOKEN_EXPIRED\"",
                "\"gates\":{\"sync\":false,\"publish\":false,\"edit\":false,\"rules\":false}");
        assertThat(request).contains("\"type\":\"SYNC_REQUESTED\"", "\"trigger\":\"BACKFILL\"");
    }

    @Test
    void anOpenGateSaysNoReason_C5() {
        ConnectorStatus open = ConnectorStatus.gateChanged(NOW, UUID.randomUUID(), UUID.randomUUID(), true);

        assertThat(open.gates()).isEqualTo(new ConnectorStatus.Gates(true, true, true, true));
        assertThat(open.reason()).isNull();
    }

    @Test
    void eachPlatformHasOneDisplayNameAndAnUnknownIdIsShownAsItIs_C3() {
        assertThat(Platform.displayName("google-ads")).isEqualTo("Google Ads");
        assertThat(Platform.displayName("tiktok-creator")).isEqualTo("TikTok creator");
        assertThat(Platform.displayName("pinterest")).isEqualTo("pinterest");
    }

    private static java.util.Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toSet());
    }
}
