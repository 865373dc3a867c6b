package br.com.kycert.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import br.com.kycert.audit.RequestAuditor;
import br.com.kycert.client.KycertClient;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.KeyStatus;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Role;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page followed literally in Debian's headless Chromium, through Selenium and
 * {@code /usr/bin/chromedriver} (nothing is downloaded): sign in → Settings → Developer → API Keys →
 * New API Key → name → Sandbox → scopes → Create → copy the key → use it with the SDK → Revoke → the
 * next call gets 401 → the audit log names the key. Then kycert support approving {@code detail:read}
 * in the console (offered in the dialog from then on) and withdrawing it, and what the dashboard
 * refuses: a viewer creating, a form without its CSRF token, another tenant's key, repeated bad
 * passwords. Each step leaves a screenshot of the whole page in {@code target/screenshots} (the
 * guides show some of them).
 *
 * <p>Without Chromium the class is skipped, except under CI ({@code CI} set), where that is a
 * failure: {@code .ci/run} installs it.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;
    private static final String KEY_NAME = "Onboarding Service - Staging";

    static TestDatabase db;
    static TestServer server;
    static Fixtures fixtures;
    static Fixtures.Tenant tenant;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            // Never skipped: the dashboard's browser flow is part of the product (.ci/run installs both).
            fail("chromium and chromium-driver are needed (apt-get install -y chromium chromium-driver)");
        }
        Files.createDirectories(SHOTS);
        db = TestDatabase.create();
        server = TestServer.start(db, Map.of("kycert.worker.enabled", true));
        fixtures = new Fixtures(server, db);
        tenant = fixtures.tenant("Corretora Alfa");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            db.close();
        }
    }

    private static WebDriver browser(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + WIDTH + ",800",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** A screenshot of the whole page (the window grown to the page's height for the shot). */
    private static void shot(WebDriver driver, String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Number height = (Number) ((JavascriptExecutor) driver)
                .executeScript("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
        driver.manage().window().setSize(new Dimension(WIDTH, Math.min(Math.max(height.intValue(), 600), 4000)));
        try {
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 6) + "@alfa.example";
    }

    private static void signIn(WebDriver driver, String email, String password) {
        driver.get(server.baseUrl() + "/dashboard");
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        clickAndLoad(driver, driver.findElement(By.id("sign-in-submit")));
    }

    private static void signIn(WebDriver driver, String email) {
        signIn(driver, email, DashboardClient.PASSWORD);
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlToBe(server.baseUrl() + "/dashboard"));
    }

    /** Clicks a link or submit button and waits for the next page to load (a click does not wait for navigation). */
    private static void clickAndLoad(WebDriver driver, WebElement target) {
        // The old page is marked; the next page has a fresh window without the mark.
        ((JavascriptExecutor) driver).executeScript("window.kycertPreviousPage = true");
        target.click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("return window.kycertPreviousPage === undefined"
                                + " && document.readyState === 'complete'")));
    }

    private static String h1(WebDriver driver) {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private static KycertClient sdk(String key) {
        return KycertClient.builder().apiKey(key).baseUrl(server.baseUrl()).build();
    }

    private static CreateRunRequest aRun() {
        return new CreateRunRequest()
                .templateId(tenant.pfTemplate())
                .subject(new SubjectInput()
                        .type(SubjectType.PF)
                        .doc("900.000.001-75")
                        .name("João Silva"))
                .externalId("cust_abc123");
    }

    @Test
    void theReferencePagesStepsWorkInABrowser() throws Exception {
        String email = email("dev");
        DashboardClient.member(server, tenant.id(), email, Role.DEVELOPER);
        WebDriver driver = browser("en-US");
        try {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(10));
            driver.get(server.baseUrl() + "/dashboard");
            shot(driver, "01-sign-in");
            signIn(driver, email);
            assertThat(driver.manage().getCookieNamed(DashboardCookies.SESSION).isHttpOnly())
                    .isTrue();
            shot(driver, "02-dashboard");

            // 1. Settings → Developer → API Keys.
            clickAndLoad(driver, driver.findElement(By.id("nav-settings")));
            clickAndLoad(driver, driver.findElement(By.id("settings-developer")));
            clickAndLoad(driver, driver.findElement(By.id("developer-api-keys")));
            assertThat(h1(driver)).isEqualTo("API Keys");
            shot(driver, "03-api-keys");

            // 2. New API Key; 3. name; 4. Sandbox; 5. scopes.
            clickAndLoad(driver, driver.findElement(By.id("new-api-key")));
            assertThat(driver.findElement(By.id("detail-needs-approval")).getText())
                    .contains("requires support approval");
            assertThat(driver.findElement(By.id("scope-detail-read")).isEnabled())
                    .isFalse();
            driver.findElement(By.id("create-key")).click();
            assertThat(driver.getCurrentUrl())
                    .as("the browser refuses an empty name")
                    .endsWith("/new");
            driver.findElement(By.id("name")).sendKeys(KEY_NAME);
            driver.findElement(By.id("env-sandbox")).click();
            driver.findElement(By.id("create-key")).click();
            assertThat(driver.findElement(By.id("scope-required")).isDisplayed())
                    .as("no scope: not submitted")
                    .isTrue();
            assertThat(driver.getCurrentUrl()).endsWith("/new");
            driver.findElement(By.id("scope-runs-write")).click();
            assertThat(driver.findElement(By.id("scope-required")).isDisplayed())
                    .as("the warning goes once a scope is chosen")
                    .isFalse();
            driver.findElement(By.id("scope-runs-read")).click();
            shot(driver, "04-new-api-key");

            // 6. Create; the key is shown once.
            clickAndLoad(driver, driver.findElement(By.id("create-key")));
            String secret = driver.findElement(By.id("new-key-secret")).getText();
            assertThat(secret).startsWith("sk_test_");
            assertThat(driver.getCurrentUrl()).doesNotContain(secret);
            assertThat(driver.findElement(By.id("reveal-warning")).getText()).contains("only time");
            // The test's key is blurred in the picture: screenshots end up in the docs.
            ((JavascriptExecutor) driver)
                    .executeScript("document.getElementById('new-key-secret').style.filter = 'blur(5px)'");
            shot(driver, "05-key-shown-once");
            ((JavascriptExecutor) driver).executeScript("document.getElementById('new-key-secret').style.filter = ''");
            driver.findElement(By.id("close-reveal")).click();
            var alert = wait.until(ExpectedConditions.alertIsPresent());
            assertThat(alert.getText()).contains("never be shown again");
            alert.dismiss();
            assertThat(driver.findElements(By.id("new-key-secret")))
                    .as("still on the page")
                    .hasSize(1);
            driver.findElement(By.id("copy-key")).click();
            wait.until(ExpectedConditions.textToBe(By.id("copy-key"), "Copied"));

            // Using the key with the real SDK.
            try (KycertClient client = sdk(secret)) {
                Run run = client.runs().create(aRun());
                assertThat(run.getId()).isNotNull();
            }

            driver.findElement(By.id("close-reveal")).click();
            wait.until(ExpectedConditions.urlToBe(server.baseUrl() + ApiKeysController.PATH));
            assertThat(driver.getPageSource()).doesNotContain(secret);
            WebElement row = driver.findElement(By.cssSelector("#keys tbody tr"));
            assertThat(row.getText()).contains(KEY_NAME, secret.substring(secret.length() - 4), "active");
            assertThat(row.findElements(By.cssSelector("code.scope")))
                    .extracting(WebElement::getText)
                    .containsExactly("runs:write", "runs:read");
            shot(driver, "06-key-list");

            // Revoke, with a confirmation that names the key.
            clickAndLoad(driver, row.findElement(By.cssSelector("a.revoke")));
            assertThat(driver.findElement(By.id("revoke-question")).getText()).contains(KEY_NAME);
            shot(driver, "07-revoke-confirmation");
            clickAndLoad(driver, driver.findElement(By.id("confirm-revoke")));
            assertThat(driver.findElement(By.id("notice")).getText()).contains("was revoked");
            assertThat(driver.findElement(By.cssSelector("#keys tbody tr")).getText())
                    .contains("revoked", "by " + email);
            shot(driver, "08-revoked");

            try (KycertClient client = sdk(secret)) {
                assertThatThrownBy(() -> client.runs().create(aRun()))
                        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                            assertThat(e.getStatus()).isEqualTo(401);
                            assertThat(e.getCode()).isEqualTo("invalid_api_key");
                        });
            }

            // The audit log shows the key's name: created, used, revoked, refused.
            server.bean(RequestAuditor.class).flush();
            clickAndLoad(driver, driver.findElement(By.id("nav-audit")));
            assertThat(h1(driver)).isEqualTo("Audit log");
            new Select(driver.findElement(By.id("audit-key")))
                    .selectByVisibleText(KEY_NAME + " (…" + secret.substring(secret.length() - 4) + ")");
            clickAndLoad(driver, driver.findElement(By.id("audit-apply")));
            List<WebElement> entries = driver.findElements(By.cssSelector("#audit-entries tbody tr"));
            assertThat(entries)
                    .extracting(e -> e.findElement(By.cssSelector("td.what")).getText())
                    .containsExactly("API request refused (401)", "Key revoked", "API request", "Key created");
            assertThat(entries)
                    .extracting(
                            e -> e.findElement(By.cssSelector("td.key-name")).getText())
                    .containsOnly(KEY_NAME);
            assertThat(entries.get(0).getText()).contains("POST /api/v1/bureau/runs → 401", "refusal: revoked");
            assertThat(entries.get(1).getText()).contains(email);
            shot(driver, "09-audit-log");
        } finally {
            driver.quit();
        }
    }

    @Test
    void anOwnerRequiresTotpAndEveryoneSetsItUpBeforeAnythingElse() throws Exception {
        Fixtures.Tenant secure = fixtures.tenant("Corretora Segura");
        String owner = email("owner");
        DashboardClient.member(server, secure.id(), owner, Role.OWNER);
        WebDriver driver = browser("en-US");
        try {
            signIn(driver, owner);
            clickAndLoad(driver, driver.findElement(By.id("nav-settings")));
            clickAndLoad(driver, driver.findElement(By.id("settings-security")));
            assertThat(h1(driver)).isEqualTo("Security");
            assertThat(driver.findElement(By.id("totp-status")).getText()).startsWith("Not required");
            shot(driver, "13-security-settings");

            // Required from the next page on: the owner too is sent to set it up first.
            clickAndLoad(driver, driver.findElement(By.id("totp-required-toggle")));
            assertThat(h1(driver)).isEqualTo("Set up two-step sign-in");
            assertThat(driver.findElement(By.cssSelector("p.warning")).getText())
                    .contains("requires a second factor");
            assertThat(server.bean(TenantService.class).totpRequired(secure.id()))
                    .isTrue();
            driver.get(server.baseUrl() + "/dashboard/audit");
            assertThat(h1(driver)).as("nothing else before TOTP").isEqualTo("Set up two-step sign-in");
            String secret = driver.findElement(By.id("totp-secret")).getText();
            ((JavascriptExecutor) driver)
                    .executeScript("for (const id of ['totp-secret', 'totp-uri'])"
                            + " document.getElementById(id).style.filter = 'blur(4px)'");
            shot(driver, "14-totp-setup");
            driver.findElement(By.id("code"))
                    .sendKeys(SignInIT.code(
                            SignInIT.base32(secret), java.time.Instant.now().getEpochSecond() / 30));
            clickAndLoad(driver, driver.findElement(By.id("totp-confirm")));

            driver.get(server.baseUrl() + "/dashboard/settings/security");
            assertThat(driver.findElement(By.id("totp-status")).getText()).startsWith("Required");
            clickAndLoad(driver, driver.findElement(By.id("nav-audit")));
            assertThat(driver.findElement(By.id("audit-entries")).getText()).contains(owner);

            // Signing in again asks for the code after the password.
            clickAndLoad(driver, driver.findElement(By.id("sign-out")));
            signIn(driver, owner, DashboardClient.PASSWORD);
            assertThat(driver.findElement(By.id("totp-form")).isDisplayed()).isTrue();
            assertThat(driver.manage().getCookieNamed(DashboardCookies.SESSION)).isNull();
        } finally {
            driver.quit();
        }
    }

    @Test
    void supportApprovesDetailReadInTheConsoleAndTheDialogOffersItUntilWithdrawn() throws Exception {
        Fixtures.Tenant beta = fixtures.tenant("Corretora Beta");
        String dev = email("dev");
        DashboardClient.member(server, beta.id(), dev, Role.DEVELOPER);
        String staff = "support-" + UUID.randomUUID().toString().substring(0, 6) + "@kycert.example";
        DashboardClient.support(server, staff);
        WebDriver member = browser("en-US");
        WebDriver support = browser("en-US");
        try {
            signIn(member, dev);
            member.get(server.baseUrl() + ApiKeysController.PATH + "/new");
            assertThat(member.findElement(By.id("scope-detail-read")).isEnabled())
                    .isFalse();

            signIn(support, staff);
            assertThat(support.findElements(By.id("nav-api-keys"))).isEmpty();
            clickAndLoad(support, support.findElement(By.id("nav-support")));
            support.findElement(By.id("support-q")).sendKeys("Beta");
            clickAndLoad(support, support.findElement(By.id("support-find")));
            WebElement row =
                    support.findElement(By.cssSelector("#support-tenants tr[data-tenant='" + beta.id() + "']"));
            assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("not approved");
            row.findElement(By.cssSelector("input.reason-input")).sendKeys("Advanced KYC contract signed");
            shot(support, "10-support-console");
            clickAndLoad(support, row.findElement(By.cssSelector("button.grant")));
            row = support.findElement(By.cssSelector("#support-tenants tr[data-tenant='" + beta.id() + "']"));
            assertThat(row.findElement(By.cssSelector("td.status")).getText()).isEqualTo("approved");
            assertThat(server.bean(TenantService.class)
                            .find(beta.id())
                            .orElseThrow()
                            .detailAccess())
                    .isTrue();

            member.navigate().refresh();
            assertThat(member.findElement(By.id("scope-detail-read")).isEnabled())
                    .as("offered once support approved")
                    .isTrue();
            assertThat(member.findElements(By.id("detail-needs-approval"))).isEmpty();
            clickAndLoad(member, member.findElement(By.id("nav-audit")));
            assertThat(member.findElement(By.cssSelector("#audit-entries tbody tr"))
                            .getText())
                    .contains("Detail approval granted by kycert support", "Advanced KYC contract signed", staff);

            row.findElement(By.cssSelector("input.reason-input")).sendKeys("Contract ended");
            clickAndLoad(support, row.findElement(By.cssSelector("button.withdraw")));
            assertThat(support.findElement(By.cssSelector("#support-tenants td.status"))
                            .getText())
                    .isEqualTo("not approved");
            member.get(server.baseUrl() + ApiKeysController.PATH + "/new");
            assertThat(member.findElement(By.id("scope-detail-read")).isEnabled())
                    .as("gone again on withdrawal")
                    .isFalse();
        } finally {
            member.quit();
            support.quit();
        }
    }

    @Test
    void aViewerHasNoNewKeyButtonAndPortugueseRenders() throws Exception {
        String email = email("viewer");
        DashboardClient.member(server, tenant.id(), email, Role.VIEWER);
        WebDriver driver = browser("pt-BR");
        try {
            signIn(driver, email);
            driver.get(server.baseUrl() + ApiKeysController.PATH);
            assertThat(h1(driver)).isEqualTo("Chaves de API");
            assertThat(driver.findElements(By.id("new-api-key"))).isEmpty();
            shot(driver, "11-viewer-pt-BR");
            driver.get(server.baseUrl() + ApiKeysController.PATH + "/new");
            assertThat(h1(driver)).isEqualTo("Não permitido");
            clickAndLoad(driver, driver.findElement(By.id("lang-en")));
            assertThat(h1(driver)).isEqualTo("Dashboard");
            assertThat(driver.findElement(By.id("nav-api-keys")).getText()).isEqualTo("API Keys");
        } finally {
            driver.quit();
        }
    }

    @Test
    void formsWithoutTheirTokenOtherTenantsKeysAndRepeatedBadPasswordsAreRefused() throws Exception {
        Fixtures.Tenant other = fixtures.tenant("Corretora Vizinha");
        var ours = fixtures.key(tenant, "runs:read");
        var theirs = fixtures.key(other, "runs:read");
        String email = email("owner");
        DashboardClient.member(server, tenant.id(), email, Role.OWNER);
        WebDriver driver = browser("en-US");
        try {
            signIn(driver, email);

            // A form whose CSRF token is gone (as a forged cross-site post would be) changes nothing.
            driver.get(server.baseUrl() + ApiKeysController.PATH + "/" + ours.id() + "/revoke");
            ((JavascriptExecutor) driver)
                    .executeScript("document.querySelector('main form input[name=_csrf]').remove()");
            driver.findElement(By.id("confirm-revoke")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBe(By.tagName("h1"), "Request refused"));
            assertThat(server.bean(ApiKeyService.class).list(tenant.id()).stream()
                            .filter(k -> k.id().equals(ours.id()))
                            .findFirst()
                            .orElseThrow()
                            .status())
                    .isEqualTo(KeyStatus.ACTIVE);

            // Another tenant's key is the same 404 page as a key that does not exist.
            driver.get(server.baseUrl() + ApiKeysController.PATH + "/" + theirs.id() + "/revoke");
            String theirPage = driver.findElement(By.tagName("main")).getText();
            driver.get(server.baseUrl() + ApiKeysController.PATH + "/" + UUID.randomUUID() + "/revoke");
            assertThat(h1(driver)).isEqualTo("Not found");
            assertThat(driver.findElement(By.tagName("main")).getText()).isEqualTo(theirPage);
            clickAndLoad(driver, driver.findElement(By.id("sign-out")));

            // Five wrong passwords lock the account out: the right one is refused too, for a while.
            for (int i = 0; i < 5; i++) {
                signIn(driver, email, "wrong password " + i);
                assertThat(driver.findElement(By.id("sign-in-error")).getText()).isNotBlank();
            }
            signIn(driver, email, DashboardClient.PASSWORD);
            assertThat(driver.findElement(By.id("sign-in-error")).getText()).startsWith("Too many failed attempts");
            assertThat(driver.getCurrentUrl()).endsWith("/dashboard/sign-in");
            assertThat(driver.manage().getCookieNamed(DashboardCookies.SESSION)).isNull();
            shot(driver, "12-locked-out");
        } finally {
            driver.quit();
        }
    }
}
