package ai.wevion.token.platform.repository;

import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * What every stored provider token has: ciphertexts only (Tink, bound to the
 * platform user id), expiry, status and the refresh job's bookkeeping.
 */
@MappedSuperclass
public abstract class StoredToken {

    @Id
    public UUID platformUserId;

    public String accessToken;

    /** Null when the provider issues none (Meta). */
    public String refreshToken;

    public Instant expiresAt;

    /** When the provider forces a new authorization whatever the refreshes do. */
    public Instant refreshExpiresAt;

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

    /** A fresh grant: active, nothing pending. */
    public void renew(String accessCiphertext, String refreshCiphertext, Instant expiresAt, Instant now) {
        this.accessToken = accessCiphertext;
        this.refreshToken = refreshCiphertext;
        this.expiresAt = expiresAt;
        this.tokenStatus = "ACTIVE";
        this.expiredReason = null;
        this.attempts = 0;
        this.nextAttemptAt = null;
        this.claimedUntil = null;
        this.claimedBy = null;
        this.expiringNotifiedAt = null;
        this.updatedAt = now;
    }
}
