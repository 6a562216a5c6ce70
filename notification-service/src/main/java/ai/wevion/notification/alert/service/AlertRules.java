package ai.wevion.notification.alert.service;

import ai.wevion.notification.alert.repository.Alert;
import ai.wevion.notification.alert.repository.AlertType;
import ai.wevion.notification.alert.repository.Audience;
import ai.wevion.notification.event.SyncResult;
import ai.wevion.notification.event.SyncResultType;
import ai.wevion.notification.event.TokenStatus;
import ai.wevion.notification.event.TokenStatusType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What each event does to the bell: which open alerts of its subject it
 * answers (N4), which alert it raises (N1, N2), for whom, and whether the
 * alert also goes through the Telegram bot (N3). Pure: no I/O.
 */
public final class AlertRules {

    /**
     * An event's effect on its subject's alerts: resolves the open ones of
     * these types (but those raised for one of {@code unlessFor}, their
     * reason), then raises one of type {@code raises}, if any.
     */
    public record Reaction(List<AlertType> resolves, List<String> unlessFor, AlertType raises) {
    }

    private static final Reaction NONE = new Reaction(List.of(), List.of(), null);
    private static final List<AlertType> TOKEN_ALERTS = List.of(AlertType.TOKEN_EXPIRED, AlertType.TOKEN_EXPIRING);
    /** Warnings of an end no refresh moves (Meta's data access, a grant's own end): only a re-authorization answers them (N2). */
    static final List<String> FORCED_ENDS = List.of("DATA_ACCESS_EXPIRING", "REAUTHORIZATION_DUE");

    private AlertRules() {
    }

    /** A type this service does not know ({@code null}) does nothing. */
    public static Reaction to(TokenStatusType type) {
        if (type == null) {
            return NONE;
        }
        return switch (type) {
            // a refresh answers every token alert but the warnings of an end it cannot move
            case TOKEN_REFRESHED -> new Reaction(TOKEN_ALERTS, FORCED_ENDS, null);
            case TOKEN_CONNECTED, TOKEN_RECONNECTED, PLATFORM_USER_ARCHIVED, PLATFORM_USER_DISCONNECTED ->
                    new Reaction(TOKEN_ALERTS, List.of(), null);
            // an expired token makes its "expiring" warning moot
            case TOKEN_EXPIRED -> new Reaction(List.of(AlertType.TOKEN_EXPIRING), List.of(), AlertType.TOKEN_EXPIRED);
            case TOKEN_EXPIRING -> new Reaction(List.of(), List.of(), AlertType.TOKEN_EXPIRING);
            case TOKEN_REFRESH_DEFERRED -> NONE;
        };
    }

    public static Reaction to(SyncResultType type) {
        if (type == null) {
            return NONE;
        }
        return switch (type) {
            case SYNC_FAILED -> new Reaction(List.of(), List.of(), AlertType.SYNC_FAILED);
            case SYNC_COMPLETED -> new Reaction(List.of(AlertType.SYNC_FAILED), List.of(), null);
        };
    }

    /** A token alert: about the credential, for who connected it and the admins, linking to its Reconnect (N1). */
    public static Alert tokenAlert(TokenStatus e, AlertType type) {
        return new Alert(UUID.fromString(e.workspaceId()), type, e.platform(), UUID.fromString(e.platformUserId()), e.shownName(),
                e.connectedBy() == null ? null : UUID.fromString(e.connectedBy()), e.expiresAt(), e.reason(),
                Audience.CONNECTORS_AND_ADMINS, "/connect/" + e.platform(), e.occurredAt());
    }

    /** A failed sync: about the ad account, for every member, linking to the account. */
    public static Alert syncAlert(SyncResult e) {
        return new Alert(UUID.fromString(e.workspaceId()), AlertType.SYNC_FAILED, null, UUID.fromString(e.adAccountId()),
                e.adAccountId(), null, null, e.error(), Audience.WORKSPACE, "/ad-accounts/" + e.adAccountId(), e.occurredAt());
    }

    /** The configured bot types, without the token alerts: those stay in-app (N3), whatever the configuration says. */
    public static Set<String> botTypes(Set<String> configured) {
        Set<String> tokenAlerts = TOKEN_ALERTS.stream().map(Enum::name).collect(Collectors.toSet());
        return configured.stream().filter(t -> !tokenAlerts.contains(t)).collect(Collectors.toSet());
    }

    /** A new notification goes through the bot when its type is a bot type and the whole workspace sees it (N3, N5). */
    public static boolean viaBot(AlertType type, Audience audience, Set<String> botTypes) {
        return !type.aboutAToken() && botTypes.contains(type.name()) && audience == Audience.WORKSPACE;
    }
}
