package ai.wevion.notification.alert.service;

import java.time.Instant;
import java.util.UUID;

/** One thing to tell people about: a subject (a credential or an ad account) and what happened to it. */
record Alert(UUID workspaceId, String type, String platform, UUID subjectId, String displayName, UUID connectedBy,
        Instant expiresAt, String detail, String audience, String link, Instant at) {

    static final String CONNECTORS_AND_ADMINS = "CONNECTORS_AND_ADMINS";
    static final String WORKSPACE = "WORKSPACE";
}
