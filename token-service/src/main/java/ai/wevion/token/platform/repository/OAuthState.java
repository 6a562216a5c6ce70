package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A pending OAuth round trip: single use, short-lived, bound to who started it and why. */
@Entity
public class OAuthState {

    @Id
    public String nonceHash;

    public UUID workspaceId;

    public UUID userId;

    public String platform;

    public String mode;

    public UUID platformUserId;

    public Instant expiresAt;

    public Instant usedAt;
}
