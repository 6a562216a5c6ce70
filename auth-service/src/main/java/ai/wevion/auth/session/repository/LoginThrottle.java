package ai.wevion.auth.session.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** Failed logins for one e-mail address. */
@Entity
public class LoginThrottle {

    @Id
    public String email;

    public int failures;

    public Instant lastFailureAt;

    public Instant blockedUntil;
}
