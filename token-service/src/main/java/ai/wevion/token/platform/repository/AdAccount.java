package ai.wevion.token.platform.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** Read side: token-service's TokenStore is the one writer of this table. */
@Entity
public class AdAccount {

    @Id
    public UUID id;

    public UUID platformUserId;

    /** The account's id across every platform user covering it (the same in every event, C6). */
    public UUID adAccountId;

    public String externalId;

    public String name;
}
