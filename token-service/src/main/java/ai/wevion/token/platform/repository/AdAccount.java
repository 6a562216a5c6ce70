package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

@Entity
public class AdAccount {

    @Id
    public UUID id;

    public UUID platformUserId;

    /** The account's id across every platform user covering it (see {@link #idFor}). */
    public UUID adAccountId;

    public String externalId;

    public String name;

    public static UUID idFor(UUID workspaceId, String platform, String externalId) {
        return UUID.nameUUIDFromBytes((workspaceId + "/" + platform + "/" + externalId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
