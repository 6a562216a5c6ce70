package ai.wevion.notification.telegram.service;

import ai.wevion.notification.telegram.client.TelegramBotClient.Answer;
import java.time.Duration;

/**
 * What happens to a bot message Telegram did not take: 429 waits
 * {@code retry_after}; any other failure retries with a backoff that doubles
 * from 1 s (up to 256 s) and is dropped after {@value #MAX_ATTEMPTS}
 * attempts. Pure: no I/O.
 */
public final class DeliveryRules {

    static final int MAX_ATTEMPTS = 10;
    private static final long MAX_WAIT_SECONDS = 300;

    private DeliveryRules() {
    }

    /** A message that failed {@code attempts} times before this one is dropped, unless Telegram said when to retry. */
    static boolean givesUp(Answer answer, int attempts) {
        return answer.retryAfter() == null && attempts + 1 >= MAX_ATTEMPTS;
    }

    /** How long to wait before the next attempt. */
    static Duration retryIn(Answer answer, int attempts) {
        return answer.retryAfter() != null
                ? answer.retryAfter()
                : Duration.ofSeconds(Math.min(MAX_WAIT_SECONDS, 1L << Math.min(attempts, 8)));
    }
}
