package ai.wevion.notification.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.notification.alert.repository.AlertSubject;
import ai.wevion.notification.alert.repository.AlertType;
import ai.wevion.notification.alert.service.AlertText.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of every kind of notification, alone and grouped (N1, N2, N6). */
class AlertTextTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void anExpiredTokenNamesThePlatformAndTheConnection_N1() {
        Text text = AlertText.of(AlertType.TOKEN_EXPIRED, "meta", List.of(subject("Ana", null, "PASSWORD_CHANGED")), NOW);

        assertThat(text).isEqualTo(new Text("Token expired",
                "Meta: the connection of Ana has expired. Reconnect to resume syncing, publishing and rules."));
    }

    @Test
    void manyExpiredTokensOfOnePlatformAreCountedWithTheFirstThreeNamed_N6() {
        Text text = AlertText.of(AlertType.TOKEN_EXPIRED, "google-ads",
                List.of(subject("A", null, null), subject("B", null, null), subject("C", null, null), subject("D", null, null),
                        subject("E", null, null)), NOW);

        assertThat(text.title()).isEqualTo("Token expired");
        assertThat(text.body()).isEqualTo(
                "Google Ads: 5 connections have expired (A, B, C and 2 more). Reconnect them to resume syncing, publishing and rules.");
    }

    @Test
    void twoExpiredTokensAreBothNamedWithNothingMore_N6() {
        assertThat(AlertText.of(AlertType.TOKEN_EXPIRED, "meta", List.of(subject("A", null, null), subject("B", null, null)), NOW)
                .body()).isEqualTo("Meta: 2 connections have expired (A, B). Reconnect them to resume syncing, publishing and rules.");
    }

    @Test
    void anExpiringTokenNamesThePlatformAndTheTimeLeft_N2() {
        Text text = AlertText.of(AlertType.TOKEN_EXPIRING, "meta",
                List.of(subject("Ana", NOW.plus(Duration.ofDays(5)).plusSeconds(60), "DATA_ACCESS_EXPIRING")), NOW);

        assertThat(text).isEqualTo(new Text("Meta token expires in 5 days", "Meta: the connection of Ana expires in 5 days and "
                + "cannot be renewed automatically. Reconnect before then to keep data syncing."));
    }

    @Test
    void manyExpiringTokensNameEachOnesTimeLeft_N2_N6() {
        Text text = AlertText.of(AlertType.TOKEN_EXPIRING, "tiktok", List.of(
                subject("A", NOW.plus(Duration.ofDays(1)), null), subject("B", NOW.plus(Duration.ofHours(7)), null),
                subject("C", NOW.plus(Duration.ofMinutes(30)), null), subject("D", NOW.plus(Duration.ofDays(3)), null)), NOW);

        assertThat(text).isEqualTo(new Text("TikTok tokens expiring", "TikTok: 4 connections expire soon (A in 1 day, B in 7 hours, "
                + "C in less than an hour and 1 more). Reconnect them before then to keep data syncing."));
    }

    @Test
    void aFailedSyncNamesTheAccountAndWhyWhenKnown_N1() {
        assertThat(AlertText.of(AlertType.SYNC_FAILED, null, List.of(subject("act_1", null, "rate limited")), NOW)).isEqualTo(
                new Text("Sync failed", "Data sync failed for ad account act_1 (rate limited). It is retried at the next window."));
        assertThat(AlertText.of(AlertType.SYNC_FAILED, null, List.of(subject("act_1", null, " ")), NOW).body())
                .isEqualTo("Data sync failed for ad account act_1. It is retried at the next window.");
        assertThat(AlertText.of(AlertType.SYNC_FAILED, null, List.of(subject("act_1", null, null), subject("act_2", null, null)), NOW)
                .body()).isEqualTo("Data sync failed for 2 ad accounts (act_1, act_2). They are retried at the next window.");
    }

    @Test
    void aPlatformThisServiceDoesNotKnowIsNamedByItsId_N1() {
        assertThat(AlertText.of(AlertType.TOKEN_EXPIRED, "pinterest", List.of(subject("Ana", null, null)), NOW).body())
                .startsWith("pinterest: the connection of Ana");
    }

    @Test
    void timeLeftIsCountedInWholeDaysThenHours_N2() {
        assertThat(AlertText.left(NOW.plus(Duration.ofDays(2)), NOW)).isEqualTo("2 days");
        assertThat(AlertText.left(NOW.plus(Duration.ofHours(47)), NOW)).isEqualTo("1 day");
        assertThat(AlertText.left(NOW.plus(Duration.ofHours(1)), NOW)).isEqualTo("1 hour");
        assertThat(AlertText.left(NOW.plus(Duration.ofMinutes(59)), NOW)).isEqualTo("less than an hour");
        assertThat(AlertText.left(null, NOW)).isEqualTo("a few days");
    }

    private static AlertSubject subject(String name, Instant expiresAt, String detail) {
        return new AlertSubject(name, expiresAt, detail);
    }
}
