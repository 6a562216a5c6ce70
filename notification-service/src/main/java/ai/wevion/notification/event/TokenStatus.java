package ai.wevion.notification.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * token-status, as token-service publishes it (T11). A type or status this
 * service does not know reads as null instead of failing the whole event: the
 * event still counts as the credential's newest, and raises or resolves
 * nothing. The platform stays its id (see {@link Platform}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenStatus(String eventId,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) TokenStatusType type,
        Instant occurredAt, String workspaceId, String platform, String platformUserId, String externalUserId, String displayName,
        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL) PlatformUserStatus status,
        Instant expiresAt, String reason, String connectedBy) {

    public static final String TOPIC = "token-status";

    /** A platform user without a display name is named by its external id. */
    public String shownName() {
        return displayName == null ? externalUserId : displayName;
    }
}
