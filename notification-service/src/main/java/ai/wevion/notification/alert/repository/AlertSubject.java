package ai.wevion.notification.alert.repository;

import java.time.Instant;

/** A subject a notification is still open about, as its words name it (N1, N2, N6). */
public record AlertSubject(String name, Instant expiresAt, String detail) {
}
