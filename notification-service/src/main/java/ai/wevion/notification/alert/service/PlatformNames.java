package ai.wevion.notification.alert.service;

import java.util.Map;

/** What the bell calls each platform or integration (N1, N2). */
final class PlatformNames {

    private static final Map<String, String> DISPLAY = Map.of("meta", "Meta", "google-ads", "Google Ads", "tiktok", "TikTok",
            "tiktok-creator", "TikTok creator",
            "snapchat", "Snapchat", "taboola", "Taboola", "outbrain", "Outbrain", "stripe", "Stripe", "google-drive", "Google Drive");

    private PlatformNames() {
    }

    static String of(String platform) {
        return platform == null ? "" : DISPLAY.getOrDefault(platform, platform);
    }
}
