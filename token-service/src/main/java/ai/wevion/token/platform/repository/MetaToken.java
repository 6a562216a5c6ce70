package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** Meta's long-lived user token; {@code accessToken} holds only the ciphertext. */
@Entity
public class MetaToken {

    @Id
    public UUID platformUserId;

    public String accessToken;

    public Instant expiresAt;

    /** When Meta stops letting the app read the user's data unless they log in again. */
    public Instant dataAccessExpiresAt;

    public String tokenStatus;

    public String expiredReason;

    public int attempts;

    public Instant nextAttemptAt;

    public Instant claimedUntil;

    public String claimedBy;

    public Instant expiringNotifiedAt;

    public Instant updatedAt;
}
