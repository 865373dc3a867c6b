package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One session of Debian's headless Chromium, driven through Selenium and its own chromedriver
 * (nothing is downloaded). Every host name but 127.0.0.1 fails to resolve, so a page that needs the
 * network (a CDN) cannot render. The page may read and write the clipboard (the copy buttons).
 *
 * <p>Without Chromium and chromedriver the tests that need them are skipped, except under CI (the
 * {@code CI} variable set), where a missing browser is a failure: {@code .ci/run} installs it.
 */
final class HeadlessChromium implements AutoCloseable {

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    private static final List<String> BROWSERS =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;

    private HeadlessChromium(Path browser, Path chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** A new browser session, or the test is skipped (locally) or failed (under CI). */
    static HeadlessChromium start() {
        Optional<Path> browser = browser();
        Optional<Path> chromedriver = chromedriver();
        if (browser.isEmpty() || chromedriver.isEmpty()) {
            String hint = "headless Chromium and its chromedriver are needed (apt-get install -y chromium"
                    + " chromium-driver, or set KYCERT_CHROMIUM and KYCERT_CHROMEDRIVER)";
            if (underCi()) {
                fail("CI is set but " + hint);
            }
            Assumptions.abort("Skipped: " + hint);
        }
        return new HeadlessChromium(browser.get(), chromedriver.get());
    }

    /** Whether this machine has the browser and its driver (no skipping, no failing). */
    static boolean installed() {
        return browser().isPresent() && chromedriver().isPresent();
    }

    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    private static Optional<Path> browser() {
        return explicit("KYCERT_CHROMIUM")
                .or(() -> BROWSERS.stream()
                        .map(HeadlessChromium::onPath)
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private static Optional<Path> chromedriver() {
        return explicit("KYCERT_CHROMEDRIVER").or(() -> onPath("chromedriver"));
    }

    private static Optional<Path> explicit(String variable) {
        String value = System.getenv(variable);
        return value == null || value.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(value)).filter(Files::isExecutable);
    }

    /** An executable of this name on the PATH. */
    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens a page and waits until it has loaded and its deferred scripts have run (a new document,
     * even when only the query changes).
     */
    void open(String url) {
        driver.get(url);
        until(d -> "complete".equals(script("return document.readyState")));
    }

    /** Lets the site read and write the clipboard, as a reader's browser lets a page they click in. */
    void allowClipboard(String origin) {
        for (String permission : List.of("clipboard-read", "clipboard-write")) {
            driver.executeCdpCommand(
                    "Browser.setPermission",
                    Map.of("origin", origin, "permission", Map.of("name", permission), "setting", "granted"));
        }
    }

    /** Forgets what the site remembered (theme, example language) between tests. */
    void forgetSiteChoices() {
        script("try { localStorage.clear(); } catch (e) {}");
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** The DOM as the page's scripts left it, as HTML. */
    String dom() {
        return (String) script("return document.documentElement.outerHTML");
    }

    /** What the window shows now, as a PNG. */
    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
        if (Files.size(png) == 0) {
            fail("Chromium saved no screenshot of " + driver.getCurrentUrl());
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
