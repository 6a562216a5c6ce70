package ai.wevion.system;

import static org.awaitility.Awaitility.await;

import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** What the browser tests do on the console's pages, by its {@code data-test} selectors (console/README.md). */
final class ConsolePage {

    static final Duration PAGE_LOAD = Duration.ofSeconds(15);

    private ConsolePage() {
    }

    static void logIn(ChromeDriver page, String email) {
        page.get(WevionSystem.GATEWAY + "/");
        await().atMost(PAGE_LOAD).until(() -> find(page, "[data-test=login-email]") != null);
        find(page, "[data-test=login-email]").sendKeys(email);
        find(page, "[data-test=login-password]").sendKeys(SystemApi.PASSWORD);
        click(page, "[data-test=login-submit]");
        await().atMost(PAGE_LOAD).until(() -> find(page, "[data-test=connect-meta]") != null);
    }

    /** In the popup the console opened: pick the person, Allow; the popup closes itself. */
    static void approveInPopup(ChromeDriver page, String simUser) {
        String console = page.getWindowHandle();
        await().atMost(PAGE_LOAD).until(() -> page.getWindowHandles().size() == 2);
        Set<String> handles = page.getWindowHandles();
        String popup = handles.stream().filter(h -> !h.equals(console)).findFirst().orElseThrow();
        page.switchTo().window(popup);
        await().atMost(PAGE_LOAD).until(() -> page.getCurrentUrl().contains("/dialog/oauth"));
        consent(page, simUser);
        await().atMost(PAGE_LOAD).until(() -> page.getWindowHandles().size() == 1);
        page.switchTo().window(console);
    }

    static void consent(ChromeDriver page, String simUser) {
        await().atMost(PAGE_LOAD).until(() -> find(page, "input[name=sim_user][value='" + simUser + "']") != null);
        find(page, "input[name=sim_user][value='" + simUser + "']").click();
        find(page, "[data-test=consent-allow]").click();
    }

    static void click(ChromeDriver page, String css) {
        await().atMost(PAGE_LOAD).ignoreExceptions().until(() -> {
            find(page, css).click();
            return true;
        });
    }

    static WebElement find(ChromeDriver page, String css) {
        List<WebElement> found = page.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
    }

    /** The attribute now; null while absent or while the page redraws it. */
    static String attribute(ChromeDriver page, String css, String name) {
        try {
            WebElement e = find(page, css);
            return e == null ? null : e.getDomAttribute(name);
        } catch (StaleElementReferenceException redrawn) {
            return null;
        }
    }

    static String text(ChromeDriver page, String css) {
        try {
            WebElement e = find(page, css);
            return e == null ? "" : e.getText();
        } catch (StaleElementReferenceException redrawn) {
            return "";
        }
    }

    static boolean gatewayServesTheConsole() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(WevionSystem.GATEWAY + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
