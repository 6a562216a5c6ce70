package ai.wevion.notification.telegram.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What happens to a bot message Telegram did not take (N5; issue 16: Telegram down for an hour). */
class DeliveryRulesTest {

    private static final Answer FAILED = new Answer(false, 500, "Internal Server Error", null, null);
    private static final Answer UNREACHABLE = new Answer(false, 0, "ConnectException", null, null);
    private static final Answer BAD_GATEWAY = new Answer(false, 502, "HTTP 502", null, null);
    private static final Answer TOO_MANY = new Answer(false, 429, "Too Many Requests: retry after 7", Duration.ofSeconds(7), null);
    private static final Answer TOO_LONG = new Answer(false, 400, "Bad Request: message is too long", null, null);

    @Test
    void aFailureRetriesAfterABackoffThatDoublesFromOneSecondUpToFiveMinutes_N5() {
        assertThat(DeliveryRules.retryIn(FAILED, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeliveryRules.retryIn(FAILED, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DeliveryRules.retryIn(FAILED, 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(DeliveryRules.retryIn(FAILED, 8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(DeliveryRules.retryIn(FAILED, 9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(DeliveryRules.retryIn(FAILED, 300)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsTelegramSays_N5() {
        assertThat(DeliveryRules.retryIn(TOO_MANY, 3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(DeliveryRules.givesUp(TOO_MANY, 50, Duration.ofHours(2))).isFalse();
    }

    @Test
    void aMessageWaitsOutAnOutageOfHoursAndIsDroppedOnlyOnceItIsADayOld_N5() {
        for (Answer outage : new Answer[] {FAILED, UNREACHABLE, BAD_GATEWAY}) {
            assertThat(DeliveryRules.givesUp(outage, 30, Duration.ofHours(1))).as(outage.description()).isFalse();
            assertThat(DeliveryRules.givesUp(outage, 300, Duration.ofHours(23))).as(outage.description()).isFalse();
            assertThat(DeliveryRules.givesUp(outage, 300, Duration.ofDays(1))).as(outage.description()).isTrue();
        }
    }

    @Test
    void aMessageTelegramRefusesIsDroppedAtItsThirdAttempt_N5() {
        assertThat(DeliveryRules.givesUp(TOO_LONG, 1, Duration.ofSeconds(3))).isFalse();
        assertThat(DeliveryRules.givesUp(TOO_LONG, 2, Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void aBlockedBotOrAMissingChatMeansTheChatIsGone_N5() {
        assertThat(new Answer(false, 403, "Forbidden: bot was blocked by the user", null, null).blocked()).isTrue();
        assertThat(new Answer(false, 400, "Bad Request: chat not found", null, null).blocked()).isTrue();
        assertThat(new Answer(false, 400, "Bad Request: message text is empty", null, null).blocked()).isFalse();
        assertThat(FAILED.blocked()).isFalse();
    }
}
