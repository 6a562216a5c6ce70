package ai.wevion.token.platform.service;

import ai.wevion.session.api.ApiException;
import java.util.Set;

/** The platforms of the contract, and those this version connects. */
public final class Platforms {

    public static final String META = "meta";
    public static final Set<String> ALL = Set.of("meta", "google-ads", "tiktok", "snapchat", "taboola", "outbrain", "stripe",
            "google-drive");
    private static final Set<String> AVAILABLE = Set.of(META);

    private Platforms() {
    }

    public static void requireAvailable(String platform) {
        if (!ALL.contains(platform)) {
            throw ApiException.notFound("Platform " + platform);
        }
        if (!AVAILABLE.contains(platform)) {
            throw ApiException.badRequest("platform_not_available", "Connecting " + platform + " is not available yet.");
        }
    }
}
