package ai.wevion.notification.alert.repository;

import java.time.Instant;
import java.util.UUID;

/** One thing to tell people about: a subject (a credential or an ad account) and what happened to it. */
public record Alert(UUID workspaceId, AlertType type, String platform, UUID subjectId, String displayName, UUID connectedBy,
        Instant expiresAt, String detail, Audience audience, String link, Instant at) {
}
