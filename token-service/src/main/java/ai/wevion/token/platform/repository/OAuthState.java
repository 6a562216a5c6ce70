package ai.wevion.token.platform.repository;

import java.time.Instant;
import java.util.UUID;

/** A pending OAuth round trip: single use, short-lived, bound to who started it and why. */
public class OAuthState {

    public String nonceHash;

    public UUID workspaceId;

    public UUID userId;

    public String platform;

    public String mode;

    public UUID platformUserId;

    public Instant expiresAt;

    public Instant usedAt;
}
