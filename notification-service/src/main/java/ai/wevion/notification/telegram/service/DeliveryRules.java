package ai.wevion.notification.telegram.service;

import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import java.time.Duration;

/**
 * What happens to a bot message Telegram did not take. 429 waits
 * {@code retry_after}. Telegram unreachable or failing (no answer, 5xx, a
 * bot token it does not know yet) retries with a backoff that doubles from
 * 1 s up to 5 minutes for as long as the message is less than a day old: an
 * outage of hours delays messages and loses none; a day later the alert is
 * stale (the bell still has it). A request Telegram refuses (400: it would
 * refuse it again) is dropped at its {@value #MAX_REFUSED_ATTEMPTS}rd attempt.
 * Pure: no I/O.
 */
public final class DeliveryRules {

    static final Duration MAX_AGE = Duration.ofDays(1);
    static final int MAX_REFUSED_ATTEMPTS = 3;
    private static final long MAX_WAIT_SECONDS = 300;

    private DeliveryRules() {
    }

    /** Whether a message that failed {@code attempts} times before this answer, written {@code age} ago, is dropped. */
    static boolean givesUp(Answer answer, int attempts, Duration age) {
        if (age.compareTo(MAX_AGE) >= 0) {
            return true;
        }
        return refused(answer) && attempts + 1 >= MAX_REFUSED_ATTEMPTS;
    }

    /** How long to wait before the next attempt. */
    static Duration retryIn(Answer answer, int attempts) {
        return answer.retryAfter() != null
                ? answer.retryAfter()
                : Duration.ofSeconds(Math.min(MAX_WAIT_SECONDS, 1L << Math.min(attempts, 9)));
    }

    private static boolean refused(Answer answer) {
        return answer.errorCode() == 400;
    }
}
