package ai.wevion.notification.alert.repository;

import java.time.Instant;

/** A notification as one user sees it (docs/contract.md); {@code count}: how many subjects it is about. */
public record NotificationView(String notificationId, String type, String title, String body, String platform, String link,
        Instant createdAt, Instant readAt, Instant resolvedAt, int count) {
}
