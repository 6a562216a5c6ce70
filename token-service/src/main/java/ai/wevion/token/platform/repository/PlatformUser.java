package ai.wevion.token.platform.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One provider account connected to a workspace ("Meta user"), a row of {@code platform_user} with its ad accounts; read side: TokenStore is the one writer of this table. */
public class PlatformUser {

    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String ARCHIVED = "ARCHIVED";

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

    public List<AdAccount> adAccounts = new ArrayList<>();
}
