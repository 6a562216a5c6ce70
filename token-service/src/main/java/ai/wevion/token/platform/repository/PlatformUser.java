package ai.wevion.token.platform.repository;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One provider account connected to a workspace ("Meta user"); read side: TokenStore is the one writer of this table. */
@Entity
public class PlatformUser {

    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String ARCHIVED = "ARCHIVED";

    @Id
    public UUID id;

    public UUID workspaceId;

    public String platform;

    public String externalUserId;

    public String displayName;

    public UUID connectedBy;

    public String status;

    public Instant lastRefreshAt;

    public String lastRefreshError;

    public Instant createdAt;

    public Instant updatedAt;

    @OneToMany(mappedBy = "platformUserId", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
    public List<AdAccount> adAccounts = new ArrayList<>();
}
