package ai.wevion.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /** Failures of one platform within this window share one grouped notification (N6). */
    @WithDefault("PT10M")
    Duration groupWindow();

    Telegram telegram();

    interface Telegram {
        /** The Bot API's base URL (the simulator's in tests and locally). */
        String apiUrl();

        String botToken();

        /** For the deep link {@code https://t.me/<botUsername>?start=<token>}. */
        String botUsername();

        /** Expected in {@code X-Telegram-Bot-Api-Secret-Token} on every webhook call. */
        String webhookSecret();

        /** Where Telegram should post updates; registered with setWebhook at start-up when set (webhook mode). */
        java.util.Optional<String> webhookUrl();

        /** {@code webhook} or {@code polling}. */
        @WithDefault("webhook")
        String updates();

        @WithDefault("2s")
        String pollEvery();

        @WithDefault("1s")
        String deliveryEvery();

        /** How often the delivery queue is measured for the metrics (TelegramMetrics). */
        @WithDefault("15s")
        String metricsEvery();

        /** Link tokens live this long (N5). */
        @WithDefault("PT24H")
        Duration linkTtl();

        /** Notification types also sent through the bot; token alerts never are (N3). */
        @WithDefault("SYNC_FAILED")
        Set<String> types();
    }
}
