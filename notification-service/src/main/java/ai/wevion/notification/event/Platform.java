package ai.wevion.notification.event;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the bell calls each platform or integration (N1, N2): the one place
 * notification-service names them. A test keeps the ids equal to
 * token-status's {@code platform} enum. Events and tables carry the id as
 * text, so that a platform added to token-service before this list still
 * raises alerts, named by its id.
 */
public enum Platform {
    META("meta", "Meta"),
    GOOGLE_ADS("google-ads", "Google Ads"),
    TIKTOK("tiktok", "TikTok"),
    TIKTOK_CREATOR("tiktok-creator", "TikTok creator"),
    SNAPCHAT("snapchat", "Snapchat"),
    TABOOLA("taboola", "Taboola"),
    OUTBRAIN("outbrain", "Outbrain"),
    STRIPE("stripe", "Stripe"),
    GOOGLE_DRIVE("google-drive", "Google Drive");

    private static final Map<String, Platform> BY_ID = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Platform::id,
            Function.identity()));

    private final String id;
    private final String displayName;

    Platform(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** As events, tables and paths spell it, e.g. {@code google-ads}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The display name of a platform id: an id not listed here as it is, none (a workspace alert) as "". */
    public static String nameOf(String id) {
        if (id == null) {
            return "";
        }
        Platform p = BY_ID.get(id);
        return p == null ? id : p.displayName;
    }
}
