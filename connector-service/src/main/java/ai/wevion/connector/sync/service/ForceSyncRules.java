package ai.wevion.connector.sync.service;

import ai.wevion.authclient.api.ApiException;
import java.time.Duration;
import java.time.Instant;

/** How often a workspace may Force sync (C8): a sliding minute, and how long to wait when it is spent. */
public final class ForceSyncRules {

    public static final Duration WINDOW = Duration.ofMinutes(1);

    private ForceSyncRules() {
    }

    /** Fails with 429 and Retry-After (whole seconds, at least 1) once {@code limit} requests fall in the last minute. */
    public static void requireWithinLimit(long recent, Instant oldest, int limit, Instant now) {
        if (recent < limit) {
            return;
        }
        Duration wait = Duration.between(now, oldest.plus(WINDOW));
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw new ApiException(429, "too_many_syncs",
                "This workspace has forced " + recent + " syncs in the last minute. Try again in " + seconds + " s.",
                Duration.ofSeconds(seconds));
    }
}
