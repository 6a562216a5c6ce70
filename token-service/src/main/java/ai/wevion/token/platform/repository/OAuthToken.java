package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A standard OAuth 2.0 provider's access and refresh tokens (Google Ads, Google Drive, …). */
@Entity
@Table(name = "oauth_token")
public class OAuthToken extends StoredToken {
}
