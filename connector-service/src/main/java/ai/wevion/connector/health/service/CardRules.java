package ai.wevion.connector.health.service;

import ai.wevion.connector.event.Platform;
import ai.wevion.connector.health.repository.PlatformUserRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console draws from the platform users: a card per user, a
 * connector per platform with its badge and status, a banner per platform
 * that needs attention (C1–C3), and the stale-token audit (C8). Pure: no
 * I/O, no clock; used by the list endpoints and the live stream alike.
 */
public final class CardRules {

    public static final String CONNECTED = "Connected";
    public static final String EXPIRED = "Token expired — Reconnect";
    static final String GREEN = "green";
    static final String YELLOW = "yellow";
    static final String GREY = "grey";
    static final String STATUS_CONNECTED = "CONNECTED";
    static final String STATUS_NEEDS_ATTENTION = "NEEDS_ATTENTION";
    static final String STATUS_NOT_CONNECTED = "NOT_CONNECTED";

    /**
     * A token the refresh job should already have renewed: it refreshes within
     * 7 days of expiry every 12 hours, so less than 6 days left means it did not.
     */
    static final Duration STALE_WHEN_LESS_THAN = Duration.ofDays(6);

    public record Card(String platformUserId, String displayName, String card, String message, Instant lastRefreshAt,
            boolean stale) {
    }

    public record Connector(String platform, String badge, String status, List<Card> platformUsers) {
    }

    public record Banner(String platform, String message) {
    }

    /** What the stream sends on every change: the cards and the banners together. */
    public record Snapshot(List<Connector> connectors, List<Banner> banners) {
    }

    public record AuditRow(String platformUserId, String platform, String displayName, String status, String reason,
            Instant expiresAt, Instant lastRefreshAt) {
    }

    private CardRules() {
    }

    /**
     * One connector per platform, in the console's order: grey when nobody
     * connected it, yellow while any of its users is unhealthy, else green.
     */
    public static List<Connector> connectors(List<PlatformUserRow> users, Instant now) {
        List<Connector> connectors = new ArrayList<>();
        for (Platform platform : Platform.values()) {
            List<Card> cards = users.stream().filter(u -> u.platform().equals(platform.id())).map(u -> card(u, now)).toList();
            boolean anyExpired = cards.stream().anyMatch(c -> c.card().equals(YELLOW));
            String badge = cards.isEmpty() ? GREY : anyExpired ? YELLOW : GREEN;
            String status = cards.isEmpty() ? STATUS_NOT_CONNECTED : anyExpired ? STATUS_NEEDS_ATTENTION : STATUS_CONNECTED;
            connectors.add(new Connector(platform.id(), badge, status, cards));
        }
        return connectors;
    }

    /** "Meta connection needs attention" while any Meta user is unhealthy; likewise every platform. */
    public static List<Banner> banners(List<PlatformUserRow> users) {
        return users.stream()
                .filter(u -> !u.healthy())
                .map(PlatformUserRow::platform)
                .distinct()
                .map(p -> new Banner(p, Platform.displayName(p) + " connection needs attention"))
                .toList();
    }

    public static Snapshot snapshot(List<PlatformUserRow> users, Instant now) {
        return new Snapshot(connectors(users, now), banners(users));
    }

    /** The monthly audit (C8): platform users with stale or expired tokens. */
    public static List<AuditRow> audit(List<PlatformUserRow> users, Instant now) {
        return users.stream()
                .filter(u -> stale(u, now))
                .map(u -> new AuditRow(u.platformUserId(), u.platform(), u.displayName(), u.status().name(), u.reason(), u.expiresAt(),
                        u.lastRefreshAt()))
                .toList();
    }

    /** Unhealthy, or healthy with less than {@link #STALE_WHEN_LESS_THAN} left (C2, C8). */
    static boolean stale(PlatformUserRow u, Instant now) {
        return !u.healthy() || (u.expiresAt() != null && u.expiresAt().isBefore(now.plus(STALE_WHEN_LESS_THAN)));
    }

    private static Card card(PlatformUserRow u, Instant now) {
        boolean healthy = u.healthy();
        return new Card(u.platformUserId(), u.displayName(), healthy ? GREEN : YELLOW, healthy ? CONNECTED : EXPIRED,
                u.lastRefreshAt(), stale(u, now));
    }
}
