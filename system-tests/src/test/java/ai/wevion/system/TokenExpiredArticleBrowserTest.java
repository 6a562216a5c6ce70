package ai.wevion.system;

import static ai.wevion.system.ConsolePage.PAGE_LOAD;
import static ai.wevion.system.ConsolePage.click;
import static ai.wevion.system.ConsolePage.find;
import static ai.wevion.system.ConsolePage.logIn;
import static ai.wevion.system.ConsolePage.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.wevion.system.SystemApi.User;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Article 2 ("Token expired — what it means") in the console, in real
 * Chromium: integrations are for admins, an admin's forced logout ends a
 * member's console within a second, impersonation shows its banner and ends
 * with a login as the admin, and Telegram links from the console's one-time
 * link (the person presses START on the simulator's page).
 */
@ExtendWith(Chromium.class)
class TokenExpiredArticleBrowserTest {

    @BeforeAll
    static void theSystemAndTheGatewayRun() {
        WevionSystem.start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(ConsolePage::gatewayServesTheConsole);
    }

    @Test
    void integrationsNeedAnAdminAndAForcedLogoutEndsTheMembersConsoleWithinASecond_A4_T8() {
        User owner = SystemApi.signUp();
        User member = SystemApi.member(owner, "member");
        ChromeDriver memberPage = Chromium.open(1280, 900);
        logIn(memberPage, member.email());
        await().atMost(PAGE_LOAD).until(() -> find(memberPage, "[data-test=card-stripe] [data-test=admins-only]") != null
                && find(memberPage, "[data-test=card-stripe] [data-test=admins-only]").isDisplayed());
        assertThat(find(memberPage, "[data-test=connect-stripe]").isEnabled()).isFalse();
        assertThat(find(memberPage, "[data-test=connect-meta]").isEnabled()).isTrue();

        ChromeDriver ownerPage = Chromium.open(1280, 900);
        logIn(ownerPage, owner.email());
        assertThat(find(ownerPage, "[data-test=connect-stripe]").isEnabled()).isTrue();
        click(ownerPage, "[data-test=nav-settings]");
        String row = "[data-test=member][data-user-id='" + member.userId() + "']";
        click(ownerPage, row + " [data-test=force-logout]");
        click(ownerPage, "[data-test=confirm-yes]");
        long forced = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> find(memberPage, "[data-test=login-form]") != null);
        System.out.printf("console: forced logout to the member's login screen %d ms%n", (System.nanoTime() - forced) / 1_000_000);
        assertThat(text(memberPage, "[data-test=login-message]")).contains("signed out");
    }

    @Test
    void anAdminActsAsAMemberUnderABannerAndLogsInAgainAsThemselves_A5() {
        User owner = SystemApi.signUp();
        User member = SystemApi.member(owner, "member");
        ChromeDriver page = Chromium.open(1280, 900);
        logIn(page, owner.email());
        click(page, "[data-test=nav-settings]");
        click(page, "[data-test=member][data-user-id='" + member.userId() + "'] [data-test=act-as]");
        click(page, "[data-test=confirm-yes]");

        await().atMost(PAGE_LOAD).until(() -> text(page, "[data-test=impersonation-banner]").contains(member.email()));
        assertThat(text(page, "[data-test=role]")).isEqualTo("member");
        click(page, "[data-test=impersonation-stop]");
        await().atMost(PAGE_LOAD).until(() -> find(page, "[data-test=login-form]") != null);
        logIn(page, owner.email());
        assertThat(text(page, "[data-test=role]")).isEqualTo("owner");
        assertThat(find(page, "[data-test=impersonation-banner]") == null
                || !find(page, "[data-test=impersonation-banner]").isDisplayed()).isTrue();
    }

    @Test
    void telegramLinksFromTheConsolesOneTimeLinkWhenThePersonPressesStart_N5() {
        User owner = SystemApi.signUp();
        ChromeDriver page = Chromium.open(1280, 900);
        logIn(page, owner.email());
        click(page, "[data-test=nav-settings]");
        click(page, "[data-test=telegram-create]");
        WebElement deepLink = await().atMost(PAGE_LOAD).until(() -> find(page, "[data-test=telegram-deep-link]"), e -> e != null);
        String link = deepLink.getText();
        assertThat(link).contains("?start=");
        String console = page.getWindowHandle();

        // in Telegram (the simulator's page): open the link and press START
        page.switchTo().newWindow(WindowType.WINDOW);
        page.get(WevionSystem.SIM + "/sim/page");
        find(page, "[data-test=telegram-link]").sendKeys(link);
        click(page, "[data-test=telegram-start]");
        await().atMost(PAGE_LOAD).pollInterval(Duration.ofMillis(250)).until(() -> {
            page.navigate().refresh();
            return !page.findElements(By.cssSelector("[data-test=telegram-chat] li")).isEmpty();
        });
        page.close();
        page.switchTo().window(console);

        click(page, "[data-test=telegram-check]");
        await().atMost(PAGE_LOAD).until(() -> find(page, "[data-test=telegram-linked]") != null);
    }
}
