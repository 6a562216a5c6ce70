package ai.wevion.notification.telegram.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Telegram link tokens and the replies to /start (N5). */
class LinkRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aLinkTokenIs32RandomBytesUrlSafeAndStoredOnlyAsItsHash_N5() {
        String token = LinkRules.newToken(new SecureRandom());

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(LinkRules.newToken(new SecureRandom())).isNotEqualTo(token);
        assertThat(LinkRules.hash(token)).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(LinkRules.hash(token)).doesNotContain(token);
        assertThat(LinkRules.deepLink("wevion_bot", token)).isEqualTo("https://t.me/wevion_bot?start=" + token);
    }

    @Test
    void onlyAStartCommandCarriesAPayload_N5() {
        assertThat(LinkRules.startPayload("/start abc_DEF-1")).isEqualTo("abc_DEF-1");
        assertThat(LinkRules.startPayload("/start    abc ")).isEqualTo("abc");
        assertThat(LinkRules.startPayload("/start")).isEmpty();
        assertThat(LinkRules.startPayload("/started")).isNull();
        assertThat(LinkRules.startPayload("hello")).isNull();
    }

    @Test
    void aMissingOrMalformedPayloadGetsAReplySayingWhatToDo_N5() {
        assertThat(LinkRules.refusalOfPayload("")).isEqualTo(LinkRules.NO_TOKEN);
        assertThat(LinkRules.refusalOfPayload("not a token")).isEqualTo(LinkRules.INVALID);
        assertThat(LinkRules.refusalOfPayload("x".repeat(65))).isEqualTo(LinkRules.INVALID);
        assertThat(LinkRules.refusalOfPayload("x".repeat(64))).isNull();
    }

    @Test
    void anUnknownUsedOrExpiredTokenLinksNothingAndSaysWhy_N5() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));

        assertThat(LinkRules.refusalOfToken(false, null, null, NOW)).isEqualTo(LinkRules.INVALID);
        assertThat(LinkRules.refusalOfToken(true, NOW.minusSeconds(5), tomorrow, NOW)).isEqualTo(LinkRules.USED);
        assertThat(LinkRules.refusalOfToken(true, null, NOW, NOW)).isEqualTo(LinkRules.EXPIRED);
        assertThat(LinkRules.refusalOfToken(true, null, NOW.plusSeconds(1), NOW)).isNull();
    }
}
