package ai.wevion.notification.telegram.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What happens to a bot message Telegram did not take (N5). */
class DeliveryRulesTest {

    private static final Answer FAILED = new Answer(false, 500, "Internal Server Error", null, null);
    private static final Answer TOO_MANY = new Answer(false, 429, "Too Many Requests: retry after 7", Duration.ofSeconds(7), null);

    @Test
    void aFailureRetriesAfterABackoffThatDoublesFromOneSecond_N5() {
        assertThat(DeliveryRules.retryIn(FAILED, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeliveryRules.retryIn(FAILED, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DeliveryRules.retryIn(FAILED, 3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(DeliveryRules.retryIn(FAILED, 8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(DeliveryRules.retryIn(FAILED, 30)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsTelegramSaysAndNeverGivesUp_N5() {
        assertThat(DeliveryRules.retryIn(TOO_MANY, 3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(DeliveryRules.givesUp(TOO_MANY, 50)).isFalse();
    }

    @Test
    void aMessageIsDroppedAtItsTenthFailedAttempt_N5() {
        assertThat(DeliveryRules.givesUp(FAILED, 8)).isFalse();
        assertThat(DeliveryRules.givesUp(FAILED, 9)).isTrue();
    }

    @Test
    void aBlockedBotOrAMissingChatMeansTheChatIsGone_N5() {
        assertThat(new Answer(false, 403, "Forbidden: bot was blocked by the user", null, null).blocked()).isTrue();
        assertThat(new Answer(false, 400, "Bad Request: chat not found", null, null).blocked()).isTrue();
        assertThat(new Answer(false, 400, "Bad Request: message text is empty", null, null).blocked()).isFalse();
        assertThat(FAILED.blocked()).isFalse();
    }
}
