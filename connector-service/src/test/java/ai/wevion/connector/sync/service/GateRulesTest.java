package ai.wevion.connector.sync.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.connector.event.TokenStatusType;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an ad account's gate answers, and when reopening it backfills (C5–C8). */
class GateRulesTest {

    @Test
    void anAccountCoveredByAHealthyUserIsOpenThroughThatUser_C5_C6() {
        UUID ana = UUID.randomUUID();

        assertThat(GateRules.answer(ana)).isEqualTo(new Gate(true, ana.toString(), null, null));
    }

    @Test
    void anAccountNoHealthyUserCoversIsClosedBecauseTheTokenExpired_C5() {
        assertThat(GateRules.answer(null)).isEqualTo(new Gate(false, null, "TOKEN_EXPIRED", "Token expired"));
    }

    @Test
    void onlyAReconnectThatReopensTheGateBackfillsTheGap_C7() {
        assertThat(GateRules.backfills(true, TokenStatusType.TOKEN_RECONNECTED)).isTrue();
        assertThat(GateRules.backfills(false, TokenStatusType.TOKEN_RECONNECTED)).isFalse();
        assertThat(GateRules.backfills(true, null)).isFalse(); // a type this service does not know
        assertThat(Arrays.stream(TokenStatusType.values()).filter(t -> GateRules.backfills(true, t)))
                .containsExactly(TokenStatusType.TOKEN_RECONNECTED);
    }

    @Test
    void anAccountSyncsWhileItsGateIsOpen_C2_C8() {
        assertThat(GateRules.syncStatus(true)).isEqualTo("SYNCING");
        assertThat(GateRules.syncStatus(false)).isEqualTo("STOPPED");
    }
}
