package ai.wevion.connector.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Instant;
import java.util.List;

/**
 * token-status, as token-service publishes it (T11). A type or status this
 * service does not know reads as null instead of failing the whole event: an
 * unknown type is applied as a plain status update, as before types were
 * enums. The platform stays its id (see {@link Platform}).
 */
public record TokenStatus(String eventId,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) TokenStatusType type,
        Instant occurredAt, String workspaceId, String platform, String platformUserId, String externalUserId, String displayName,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) PlatformUserStatus status,
        Instant expiresAt, String reason, List<AdAccountRef> adAccounts) {

    public static final String TOPIC = "token-status";

    public record AdAccountRef(String adAccountId, String externalId, String name) {
        /** An account without a name is shown by its external id. */
        public String shownName() {
            return name == null ? externalId : name;
        }
    }

    /** The ad accounts the platform user covers now; none when the event lists none. */
    public List<AdAccountRef> accounts() {
        return adAccounts == null ? List.of() : adAccounts;
    }

    /** A platform user without a display name is shown by its external id. */
    public String shownName() {
        return displayName == null ? externalUserId : displayName;
    }

    public boolean is(TokenStatusType t) {
        return type == t;
    }
}
