package ai.wevion.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through Debian's chromium-driver: no
 * browser or driver is downloaded. Every browser a test opens is closed after
 * it, and when a test fails each one's page is saved to
 * {@code target/screenshots/<test>-<n>.png} first.
 */
final class Chromium implements TestWatcher {

    static final File SCREENSHOTS = new File("target/screenshots");
    private static final List<ChromeDriver> OPEN = new ArrayList<>();

    /** A new browser (its own cookies), its window {@code width} × {@code height}. */
    static synchronized ChromeDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        OPEN.add(driver);
        return driver;
    }

    /** Saves the page as {@code name}.png (the README's pictures come from here). */
    static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS.toPath());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of(SCREENSHOTS.getPath(), name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized void closeAll() {
        OPEN.forEach(ChromeDriver::quit);
        OPEN.clear();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        synchronized (Chromium.class) {
            for (int i = 0; i < OPEN.size(); i++) {
                try {
                    screenshot(OPEN.get(i), context.getRequiredTestMethod().getName() + "-" + i);
                } catch (RuntimeException e) {
                    // the browser itself is gone: nothing to save
                }
            }
            System.err.println("Screenshots of the failed step: " + SCREENSHOTS.getAbsolutePath());
        }
        closeAll();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        closeAll();
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        closeAll();
    }

    private static String executable(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

}
