package ai.wevion.notification.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.notification.alert.repository.Alert;
import ai.wevion.notification.alert.repository.AlertType;
import ai.wevion.notification.alert.repository.Audience;
import ai.wevion.notification.alert.service.AlertRules.Reaction;
import ai.wevion.notification.event.SyncResult;
import ai.wevion.notification.event.SyncResultType;
import ai.wevion.notification.event.TokenStatus;
import ai.wevion.notification.event.TokenStatusType;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which events raise, which answer, who sees and what reaches Telegram (N1–N4). */
class AlertRulesTest {

    private static final List<AlertType> TOKEN_ALERTS = List.of(AlertType.TOKEN_EXPIRED, AlertType.TOKEN_EXPIRING);
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anExpiredTokenRaisesTokenExpiredAndRetiresItsExpiringWarning_N1() {
        assertThat(AlertRules.to(TokenStatusType.TOKEN_EXPIRED))
                .isEqualTo(new Reaction(List.of(AlertType.TOKEN_EXPIRING), List.of(), AlertType.TOKEN_EXPIRED));
    }

    @Test
    void anExpiringTokenRaisesAWarningAndAnswersNothing_N2() {
        assertThat(AlertRules.to(TokenStatusType.TOKEN_EXPIRING)).isEqualTo(new Reaction(List.of(), List.of(), AlertType.TOKEN_EXPIRING));
    }

    @Test
    void aReconnectConnectArchiveOrDisconnectAnswersEveryTokenAlert_N4() {
        for (TokenStatusType t : List.of(TokenStatusType.TOKEN_CONNECTED, TokenStatusType.TOKEN_RECONNECTED,
                TokenStatusType.PLATFORM_USER_ARCHIVED, TokenStatusType.PLATFORM_USER_DISCONNECTED)) {
            assertThat(AlertRules.to(t)).as(t.name()).isEqualTo(new Reaction(TOKEN_ALERTS, List.of(), null));
        }
    }

    @Test
    void aRefreshAnswersTokenAlertsButNotTheWarningOfAnEndNoRefreshMoves_N2_N4() {
        assertThat(AlertRules.to(TokenStatusType.TOKEN_REFRESHED))
                .isEqualTo(new Reaction(TOKEN_ALERTS, List.of("DATA_ACCESS_EXPIRING", "REAUTHORIZATION_DUE"), null));
    }

    @Test
    void aDeferredRefreshOrATypeThisServiceDoesNotKnowDoesNothing_N1() {
        Reaction none = new Reaction(List.of(), List.of(), null);

        assertThat(AlertRules.to(TokenStatusType.TOKEN_REFRESH_DEFERRED)).isEqualTo(none);
        assertThat(AlertRules.to((TokenStatusType) null)).isEqualTo(none);
        assertThat(AlertRules.to((SyncResultType) null)).isEqualTo(none);
    }

    @Test
    void aFailedSyncRaisesSyncFailedAndACompletedOneAnswersIt_N1_N4() {
        assertThat(AlertRules.to(SyncResultType.SYNC_FAILED)).isEqualTo(new Reaction(List.of(), List.of(), AlertType.SYNC_FAILED));
        assertThat(AlertRules.to(SyncResultType.SYNC_COMPLETED)).isEqualTo(new Reaction(List.of(AlertType.SYNC_FAILED), List.of(), null));
    }

    @Test
    void aTokenAlertIsForWhoConnectedTheCredentialAndTheAdminsAndLinksToReconnect_N1() {
        UUID ws = UUID.randomUUID();
        UUID credential = UUID.randomUUID();
        UUID ana = UUID.randomUUID();
        TokenStatus e = new TokenStatus("e1", TokenStatusType.TOKEN_EXPIRED, AT, ws.toString(), "google-ads", credential.toString(),
                "g-1", null, null, null, "REVOKED", ana.toString());

        assertThat(AlertRules.tokenAlert(e, AlertType.TOKEN_EXPIRED)).isEqualTo(new Alert(ws, AlertType.TOKEN_EXPIRED, "google-ads",
                credential, "g-1", ana, null, "REVOKED", Audience.CONNECTORS_AND_ADMINS, "/connect/google-ads", AT));
        TokenStatus unknownConnector = new TokenStatus("e2", TokenStatusType.TOKEN_EXPIRED, AT, ws.toString(), "meta",
                credential.toString(), "fb-1", "Ana", null, null, null, null);
        assertThat(AlertRules.tokenAlert(unknownConnector, AlertType.TOKEN_EXPIRED).connectedBy()).isNull();
    }

    @Test
    void aFailedSyncIsForEveryMemberAndLinksToTheAdAccount_N1() {
        UUID ws = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        SyncResult e = new SyncResult("e1", SyncResultType.SYNC_FAILED, AT, ws.toString(), "r1", account.toString(), null, "timeout");

        assertThat(AlertRules.syncAlert(e)).isEqualTo(new Alert(ws, AlertType.SYNC_FAILED, null, account, account.toString(), null, null,
                "timeout", Audience.WORKSPACE, "/ad-accounts/" + account, AT));
    }

    @Test
    void tokenAlertsStayInTheAppWhateverTheConfigurationSays_N3() {
        Set<String> botTypes = AlertRules.botTypes(Set.of("SYNC_FAILED", "TOKEN_EXPIRED", "TOKEN_EXPIRING"));

        assertThat(botTypes).containsExactly("SYNC_FAILED");
        assertThat(AlertRules.viaBot(AlertType.TOKEN_EXPIRED, Audience.WORKSPACE, Set.of("TOKEN_EXPIRED"))).isFalse();
        assertThat(AlertRules.viaBot(AlertType.TOKEN_EXPIRING, Audience.CONNECTORS_AND_ADMINS, botTypes)).isFalse();
    }

    @Test
    void aWorkspaceAlertOfABotTypeGoesThroughTheBot_N3_N5() {
        assertThat(AlertRules.viaBot(AlertType.SYNC_FAILED, Audience.WORKSPACE, Set.of("SYNC_FAILED"))).isTrue();
        assertThat(AlertRules.viaBot(AlertType.SYNC_FAILED, Audience.WORKSPACE, Set.of())).isFalse();
        assertThat(AlertRules.viaBot(AlertType.SYNC_FAILED, Audience.CONNECTORS_AND_ADMINS, Set.of("SYNC_FAILED"))).isFalse();
    }
}
