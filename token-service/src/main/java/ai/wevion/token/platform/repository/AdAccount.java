package ai.wevion.token.platform.repository;

import java.util.UUID;

/** A row of {@code ad_account}, read with its platform user; token-service's TokenStore is the one writer of this table. */
public class AdAccount {

    public UUID id;

    public UUID platformUserId;

    /** The account's id across every platform user covering it (the same in every event, C6). */
    public UUID adAccountId;

    public String externalId;

    public String name;
}
