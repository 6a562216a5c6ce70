package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;

/** Meta's long-lived user token (CONTRACT {@code meta_token}). */
@Entity
public class MetaToken extends StoredToken {
}
