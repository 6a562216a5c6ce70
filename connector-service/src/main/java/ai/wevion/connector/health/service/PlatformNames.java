package ai.wevion.connector.health.service;

import java.util.LinkedHashMap;
import java.util.Map;

/** The platforms a workspace can connect, in the order the frontend shows them, by display name. */
public final class PlatformNames {

    public static final Map<String, String> DISPLAY = new LinkedHashMap<>();

    static {
        DISPLAY.put("meta", "Meta");
        DISPLAY.put("google-ads", "Google Ads");
        DISPLAY.put("tiktok", "TikTok");
        DISPLAY.put("tiktok-creator", "TikTok creator");
        DISPLAY.put("snapchat", "Snapchat");
        DISPLAY.put("taboola", "Taboola");
        DISPLAY.put("outbrain", "Outbrain");
        DISPLAY.put("stripe", "Stripe");
        DISPLAY.put("google-drive", "Google Drive");
    }

    private PlatformNames() {
    }

    public static String of(String platform) {
        return DISPLAY.getOrDefault(platform, platform);
    }
}
