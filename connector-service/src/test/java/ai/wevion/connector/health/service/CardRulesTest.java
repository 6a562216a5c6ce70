package ai.wevion.connector.health.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.wevion.connector.event.Platform;
import ai.wevion.connector.event.PlatformUserStatus;
import ai.wevion.connector.health.repository.PlatformUserRow;
import ai.wevion.connector.health.service.CardRules.Banner;
import ai.wevion.connector.health.service.CardRules.Card;
import ai.wevion.connector.health.service.CardRules.Connector;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cards, badges, banners and audit the console draws from the platform users (C1–C3, C8). */
class CardRulesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aPlatformNobodyConnectedIsGreyAndEveryPlatformIsListedInTheConsolesOrder_C1() {
        List<Connector> connectors = CardRules.connectors(List.of(), NOW);

        assertThat(connectors).extracting(Connector::platform)
                .containsExactlyElementsOf(Arrays.stream(Platform.values()).map(Platform::id).toList());
        assertThat(connectors).allSatisfy(c -> {
            assertThat(c.badge()).isEqualTo("grey");
            assertThat(c.status()).isEqualTo("NOT_CONNECTED");
            assertThat(c.platformUsers()).isEmpty();
        });
    }

    @Test
    void aHealthyUserMakesAGreenConnectedCard_C1() {
        Connector meta = meta(CardRules.connectors(List.of(user("ana", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(50)))),
                NOW));

        assertThat(meta.badge()).isEqualTo("green");
        assertThat(meta.status()).isEqualTo("CONNECTED");
        Card card = meta.platformUsers().get(0);
        assertThat(card.card()).isEqualTo("green");
        assertThat(card.message()).isEqualTo("Connected");
        assertThat(card.stale()).isFalse();
    }

    @Test
    void oneUnhealthyUserTurnsItsPlatformYellowWithReconnectAndLeavesTheOthersAlone_C2() {
        List<Connector> connectors = CardRules.connectors(List.of(
                user("ana", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(50))),
                user("ben", "meta", PlatformUserStatus.EXPIRED, null),
                user("cy", "tiktok", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(50)))), NOW);

        Connector meta = meta(connectors);
        assertThat(meta.badge()).isEqualTo("yellow");
        assertThat(meta.status()).isEqualTo("NEEDS_ATTENTION");
        assertThat(meta.platformUsers()).extracting(Card::card).containsExactly("green", "yellow");
        assertThat(meta.platformUsers().get(1).message()).isEqualTo("Token expired — Reconnect");
        assertThat(meta.platformUsers().get(1).stale()).isTrue();
        assertThat(connectors).filteredOn(c -> c.platform().equals("tiktok")).extracting(Connector::badge).containsExactly("green");
    }

    @Test
    void aBannerNamesEachPlatformThatNeedsAttentionOnceByItsDisplayName_C3() {
        List<Banner> banners = CardRules.banners(List.of(
                user("ana", "meta", PlatformUserStatus.EXPIRED, null),
                user("ben", "meta", PlatformUserStatus.EXPIRED, null),
                user("cy", "google-ads", PlatformUserStatus.EXPIRED, null),
                user("di", "tiktok", PlatformUserStatus.ACTIVE, null),
                user("ed", "pinterest", PlatformUserStatus.EXPIRED, null)));

        assertThat(banners).containsExactly(new Banner("meta", "Meta connection needs attention"),
                new Banner("google-ads", "Google Ads connection needs attention"),
                new Banner("pinterest", "pinterest connection needs attention"));
    }

    @Test
    void aTokenIsStaleWhenUnhealthyOrWithLessThanSixDaysLeft_C2_C8() {
        assertThat(CardRules.stale(user("a", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(6))), NOW)).isFalse();
        assertThat(CardRules.stale(user("a", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(6)).minusSeconds(1)), NOW))
                .isTrue();
        assertThat(CardRules.stale(user("a", "meta", PlatformUserStatus.ACTIVE, null), NOW)).isFalse();
        assertThat(CardRules.stale(user("a", "meta", PlatformUserStatus.EXPIRED, NOW.plus(Duration.ofDays(60))), NOW)).isTrue();
    }

    @Test
    void theAuditListsOnlyStaleOrExpiredTokensWithTheirReason_C8() {
        PlatformUserRow expired = new PlatformUserRow("u2", "meta", "Ben", PlatformUserStatus.EXPIRED, "PASSWORD_CHANGED", null, NOW);
        List<CardRules.AuditRow> audit = CardRules.audit(List.of(
                user("u1", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(40))),
                expired,
                user("u3", "tiktok", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(2)))), NOW);

        assertThat(audit).extracting(CardRules.AuditRow::platformUserId).containsExactly("u2", "u3");
        assertThat(audit.get(0)).isEqualTo(new CardRules.AuditRow("u2", "meta", "Ben", "EXPIRED", "PASSWORD_CHANGED", null, NOW));
    }

    @Test
    void theSameUsersGiveTheSameSnapshotSoAStreamSendsNothingNew_C4() {
        List<PlatformUserRow> users = List.of(user("ana", "meta", PlatformUserStatus.ACTIVE, NOW.plus(Duration.ofDays(50))));

        assertThat(CardRules.snapshot(users, NOW).hashCode()).isEqualTo(CardRules.snapshot(List.copyOf(users), NOW).hashCode());
        assertThat(CardRules.snapshot(users, NOW)).isNotEqualTo(CardRules.snapshot(List.of(), NOW));
    }

    private static Connector meta(List<Connector> connectors) {
        return connectors.stream().filter(c -> c.platform().equals("meta")).findFirst().orElseThrow();
    }

    private static PlatformUserRow user(String id, String platform, PlatformUserStatus status, Instant expiresAt) {
        return new PlatformUserRow(id, platform, "User " + id, status, null, expiresAt, null);
    }
}
