package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.yaml.snakeyaml.Yaml;

/**
 * The docs site as the server serves it at {@code /docs}: the guides and an API reference rendered
 * from the spec by the browser, with no network, and not one broken link. A reader's steps are
 * taken in one headless Chromium session (Selenium, {@link HeadlessChromium}): picking the Java tab
 * of an example, copying it, searching from the box and following a hit, looking at the diagrams,
 * switching to dark mode. Each step leaves a screenshot in {@code target/screenshots}.
 */
class DocsSiteIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation of the spec, as Swagger UI lays it out. */
    record Operation(String id, String tag, String method, String path) {}

    static TestDatabase db;
    static TestServer server;
    static Http http;
    static List<Operation> operations;
    private static HeadlessChromium chromium;
    private static String referenceDom;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        server = TestServer.start(db);
        http = server.http();
        operations = operations(http.get("/openapi.yaml").body());
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
        db.close();
    }

    @Test
    void theDocsAreServedWithoutAKey() {
        for (String path : List.of("/docs", "/docs/", "/docs/index.html", "/docs/reference.html", "/docs/runs.html")) {
            Http.Response page = http.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("kycert docs");
        }
        assertThat(http.get("/docs").body())
                .as("/docs is the index")
                .isEqualTo(http.get("/docs/index.html").body());
        assertThat(http.get("/docs/no-such-page.html").status()).isEqualTo(404);
    }

    @Test
    void theSiteCarriesTheSpecTheServerServes() {
        Http.Response copy = http.get("/docs/openapi.yaml");
        assertThat(copy.status()).isEqualTo(200);
        assertThat(copy.body()).isEqualTo(http.get("/openapi.yaml").body());
    }

    @Test
    void theReferenceShowsEveryOperationRenderedOffline() throws Exception {
        Document dom = Jsoup.parse(referenceDom(), server.baseUrl() + "/docs/reference.html");
        assertThat(operations).isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Operation op : operations) {
            Element block = dom.getElementById("operations-" + op.tag() + "-" + op.id());
            if (block == null) {
                missing.add(op + ": no block");
                continue;
            }
            String method = block.select(".opblock-summary-method").text();
            String path = block.select(".opblock-summary-path").attr("data-path");
            String shownId = block.select(".opblock-summary-operation-id").text();
            if (!method.equalsIgnoreCase(op.method()) || !path.equals(op.path()) || !shownId.equals(op.id())) {
                missing.add(op + ": shown as " + method + " " + path + " " + shownId);
            }
        }
        assertThat(missing)
                .as("operations of the spec missing from the rendered reference")
                .isEmpty();
        assertThat(dom.select(".opblock"))
                .as("no operation the spec does not have")
                .hasSize(operations.size());
        assertThat(dom.select(".errors-wrapper .error-wrapper"))
                .as("Swagger UI reported no error")
                .isEmpty();
        assertThat(dom.select(".info .title").text()).contains("kycert API");
    }

    @Test
    void theGuidesOpenInTheBrowserFromDocsWithoutATrailingSlash() throws Exception {
        HeadlessChromium chromium = browser();
        chromium.open(server.baseUrl() + "/docs");
        chromium.until(d -> d.getCurrentUrl().equals(server.baseUrl() + "/docs/"));
        Document dom = Jsoup.parse(chromium.dom(), server.baseUrl() + "/docs/");
        assertThat(dom.select("main h1").text()).isNotBlank();
        List<String> nav = dom.select("nav.sidebar a").eachAttr("href");
        assertThat(nav).contains("index.html", "quickstart.html", "reference.html");
        chromium.screenshot(SCREENSHOTS.resolve("docs-index.png"));
    }

    /**
     * From /docs/, every page of the site, and every link, script and stylesheet of every page
     * (the reference as the browser rendered it), must answer 200 on the server, and every
     * #fragment must name an element of its page.
     */
    @Test
    void noLinkIsBroken() throws Exception {
        String root = server.baseUrl() + "/docs/";
        Map<String, Document> pages = new HashMap<>();
        Map<String, Integer> statuses = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(root));
        Set<String> broken = new TreeSet<>();
        Set<String> external = new TreeSet<>();
        Map<String, Set<String>> fragments = new HashMap<>();
        while (!queue.isEmpty()) {
            String url = queue.poll();
            if (pages.containsKey(url)) {
                continue;
            }
            // The reference as the browser renders it (its links are made by Swagger UI); without a
            // browser on this machine (and not under CI), at least the page as served.
            String html =
                    url.endsWith("/reference.html") && (HeadlessChromium.installed() || HeadlessChromium.underCi())
                            ? referenceDom()
                            : http.get(path(url)).body();
            Document page = Jsoup.parse(html, url);
            pages.put(url, page);
            for (Element el : page.select("a[href], link[href], script[src], img[src], iframe[src]")) {
                String attribute = el.hasAttr("href") ? "href" : "src";
                String raw = el.attr(attribute);
                String target = el.absUrl(attribute);
                if (raw.startsWith("mailto:")) {
                    continue;
                }
                if (!target.startsWith(server.baseUrl() + "/")) {
                    external.add(raw);
                    continue;
                }
                URI uri = URI.create(target);
                String document = target.replaceFirst("#.*$", "");
                int status = statuses.computeIfAbsent(
                        document, d -> http.get(path(d)).status());
                if (status != 200) {
                    broken.add(url + " → " + raw + " (" + status + ")");
                    continue;
                }
                if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
                    fragments
                            .computeIfAbsent(document, d -> new LinkedHashSet<>())
                            .add(uri.getRawFragment() + " ← " + url);
                }
                if (document.startsWith(root)
                        && (document.endsWith(".html") || document.endsWith("/"))
                        && !pages.containsKey(document)) {
                    queue.add(document);
                }
            }
        }
        fragments.forEach((document, wanted) -> {
            Document page = pages.get(document);
            for (String entry : wanted) {
                String fragment = entry.substring(0, entry.indexOf(" ← "));
                boolean found = page != null
                        && (page.getElementById(fragment) != null
                                || (document.endsWith("/reference.html") && isOperationLink(fragment)));
                if (!found) {
                    broken.add(entry.substring(entry.indexOf(" ← ") + 3) + " → " + document + "#" + fragment
                            + " (no such anchor)");
                }
            }
        });
        assertThat(broken).as("broken links in the served docs").isEmpty();
        assertThat(external)
                .as("the site links nowhere off the server but mail")
                .isEmpty();
        assertThat(pages.keySet())
                .as("pages reached from /docs/")
                .contains(
                        root + "quickstart.html",
                        root + "runs.html",
                        root + "reference.html",
                        root + "client-sdk.html");
        assertThat(pages.size()).isGreaterThanOrEqualTo(13);
    }

    @Test
    void examplesAreHighlightedAndTabbedCurlAndJava() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("runs.html");
        Document curl = Jsoup.parse(chromium.dom());
        assertThat(curl.select("code.language-bash span.hl-p").eachText())
                .as("commands highlighted")
                .contains("curl");
        assertThat(curl.select("code.language-java span.hl-k").eachText())
                .as("Java keywords highlighted")
                .contains("new");
        assertThat(curl.select("code.language-json span.hl-a"))
                .as("JSON keys highlighted")
                .isNotEmpty();
        assertThat(curl.select("[data-tabs]")).as("curl/Java tab groups").hasSizeGreaterThanOrEqualTo(3);
        assertThat(curl.select(".code > button.copy"))
                .as("a copy button on every code block")
                .hasSameSizeAs(curl.select(".code"));
        assertLanguageShown(chromium, "curl");
        chromium.screenshot(SCREENSHOTS.resolve("runs-curl-tab.png"));

        chromium.open(server.baseUrl() + "/docs/runs.html?lang=java");
        assertLanguageShown(chromium, "java");
    }

    /**
     * Clicking Java on one example shows the Java of every example, and the choice follows the reader
     * to the next page and back; clicking curl brings the shell back everywhere.
     */
    @Test
    void clickingTheJavaTabShowsJavaOnEveryExampleAndIsRemembered() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("runs.html");
        assertLanguageShown(chromium, "curl");
        List<WebElement> groups = chromium.driver().findElements(By.cssSelector("[data-tabs]"));
        WebElement first = groups.get(0);
        scrollIntoView(chromium, first);
        first.findElement(By.cssSelector("[role=tab][data-lang=java]")).click();
        WebElement javaPanel = first.findElement(By.cssSelector(".tab-panel[data-lang=java]"));
        assertThat(javaPanel.isDisplayed()).as("the Java example is shown").isTrue();
        assertThat(javaPanel.getText()).contains("client.runs().create(");
        assertThat(first.findElement(By.cssSelector(".tab-panel[data-lang=curl]"))
                        .isDisplayed())
                .as("the curl example is hidden")
                .isFalse();
        assertLanguageShown(chromium, "java");
        chromium.screenshot(SCREENSHOTS.resolve("runs-java-tab.png"));

        chromium.open(server.baseUrl() + "/docs/pagination.html");
        assertThat(chromium.driver().findElements(By.cssSelector("[data-tabs]")))
                .as("pagination.html has an example with a Java tab")
                .isNotEmpty();
        assertLanguageShown(chromium, "java");
        chromium.screenshot(SCREENSHOTS.resolve("pagination-java-remembered.png"));

        WebElement group = chromium.driver().findElement(By.cssSelector("[data-tabs]"));
        scrollIntoView(chromium, group);
        group.findElement(By.cssSelector("[role=tab][data-lang=curl]")).click();
        assertLanguageShown(chromium, "curl");
        chromium.open(server.baseUrl() + "/docs/runs.html");
        assertLanguageShown(chromium, "curl");
    }

    /** The copy button puts the code shown, as text, on the clipboard and says so for a moment. */
    @Test
    void theCopyButtonCopiesTheExampleShown() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("runs.html?lang=java");
        chromium.allowClipboard(server.baseUrl());
        WebElement group = chromium.driver().findElement(By.cssSelector("[data-tabs]"));
        scrollIntoView(chromium, group);
        WebElement block = group.findElement(By.cssSelector(".tab-panel[data-lang=java] .code"));
        WebElement copy = block.findElement(By.cssSelector("button.copy"));
        assertThat(copy.isDisplayed()).isTrue();
        assertThat(copy.getText()).isEqualTo("Copy");
        new Actions(chromium.driver()).moveToElement(block).perform();
        copy.click();
        chromium.until(d -> copy.getText().equals("Copied"));
        chromium.screenshot(SCREENSHOTS.resolve("copy-button.png"));
        String expected = (String) chromium.script("return arguments[0].querySelector('code').innerText", block);
        Object clipboard = chromium.driver()
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + " navigator.clipboard.readText().then(done, function (e) { done('failed: ' + e); });");
        assertThat(clipboard).isEqualTo(expected);
        assertThat(expected)
                .startsWith("import br.com.kycert.client.KycertClient;")
                .contains("client.runs().create(")
                .doesNotContain("Copy");
        chromium.until(d -> copy.getText().equals("Copy"));
    }

    @Test
    void searchFindsGuidesErrorCodesAndOperations() throws Exception {
        HeadlessChromium chromium = browser();
        chromium.open(server.baseUrl() + "/docs/search.html?q=idempotency+replayed");
        Document idempotency = Jsoup.parse(chromium.dom());
        assertThat(idempotency.select("#search-results a").eachAttr("href"))
                .anyMatch(h -> h.startsWith("idempotency.html"));
        chromium.open(server.baseUrl() + "/docs/search.html?q=insufficient_scope");
        Document code = Jsoup.parse(chromium.dom());
        assertThat(code.select("#search-results a").eachAttr("href")).contains("error-insufficient_scope.html");
        chromium.open(server.baseUrl() + "/docs/search.html?q=createRun");
        List<String> hrefs =
                Jsoup.parse(chromium.dom()).select("#search-results a").eachAttr("href");
        assertThat(hrefs).contains("reference.html#/" + createRun().tag() + "/createRun");
        chromium.open(server.baseUrl() + "/docs/search.html?q=zzyzx");
        Document nothing = Jsoup.parse(chromium.dom());
        assertThat(nothing.select("#search-results .no-hits").text()).contains("zzyzx");
        chromium.open(server.baseUrl() + "/docs/search.html?q=webhook+signature");
        chromium.screenshot(SCREENSHOTS.resolve("search-page.png"));
    }

    /**
     * Typing in the search box of any page lists guide sections and operations of the reference as
     * one types; clicking an operation opens it in the reference, clicking a section opens the guide
     * there.
     */
    @Test
    void typingInTheSearchBoxListsGuidesAndTheReferenceAndAHitNavigates() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("quickstart.html");
        Operation create = createRun();
        WebElement box = chromium.driver().findElement(By.id("search"));
        box.sendKeys("createRun");
        WebElement hits = chromium.until(d -> {
            WebElement list = d.findElement(By.cssSelector("form.search .search-hits"));
            return list.isDisplayed() && !list.findElements(By.tagName("a")).isEmpty() ? list : null;
        });
        List<String> hrefs = hits.findElements(By.tagName("a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList();
        assertThat(hrefs)
                .as("a section of a guide")
                .anyMatch(h -> h.matches("[a-z-]+\\.html#.+") && !h.startsWith("reference.html"));
        assertThat(hrefs).as("the operation").contains("reference.html#/" + create.tag() + "/createRun");
        assertThat(hrefs)
                .as("the runs guide, though errors.md names createRun more often")
                .anyMatch(h -> h.startsWith("runs.html#"));
        assertThat(hrefs.stream()
                        .collect(Collectors.groupingBy(h -> h.replaceFirst("#.*$", ""), Collectors.counting())))
                .as("at most three sections of one page")
                .allSatisfy((page, count) -> assertThat(count).isLessThanOrEqualTo(3));
        chromium.screenshot(SCREENSHOTS.resolve("search-box.png"));

        hits.findElement(By.cssSelector("a[href='reference.html#/" + create.tag() + "/createRun']"))
                .click();
        chromium.until(d ->
                d.getCurrentUrl().equals(server.baseUrl() + "/docs/reference.html#/" + create.tag() + "/createRun"));
        WebElement operation = chromium.until(d -> {
            List<WebElement> found = d.findElements(By.id("operations-" + create.tag() + "-createRun"));
            return !found.isEmpty()
                            && found.get(0).isDisplayed()
                            && found.get(0).getDomAttribute("class").contains("is-open")
                    ? found.get(0)
                    : null;
        });
        assertThat(operation
                        .findElement(By.cssSelector(".opblock-summary-path"))
                        .getDomAttribute("data-path"))
                .isEqualTo(create.path());
        chromium.screenshot(SCREENSHOTS.resolve("search-to-reference.png"));

        // From a guide (the reference scrolls itself to the operation for a while, moving what a click aims at).
        chromium.open(server.baseUrl() + "/docs/webhooks.html");
        box = chromium.driver().findElement(By.id("search"));
        box.sendKeys("idempotency replayed");
        WebElement guideHit = chromium.until(d -> d.findElements(By.cssSelector("form.search .search-hits a")).stream()
                .filter(a -> a.isDisplayed() && a.getDomAttribute("href").startsWith("idempotency.html"))
                .findFirst()
                .orElse(null));
        String href = guideHit.getDomAttribute("href");
        guideHit.click();
        chromium.until(d -> d.getCurrentUrl().equals(server.baseUrl() + "/docs/" + href));
        assertThat(chromium.driver().findElement(By.cssSelector("main h1")).getText())
                .isEqualTo("Idempotency");
        if (href.contains("#")) {
            WebElement section = chromium.driver().findElement(By.id(href.substring(href.indexOf('#') + 1)));
            assertThat(section.isDisplayed()).isTrue();
            assertThat(((Number) chromium.script("return arguments[0].getBoundingClientRect().top", section))
                            .doubleValue())
                    .as("the section is scrolled into the window")
                    .isBetween(-1.0, ((Number) chromium.script("return window.innerHeight")).doubleValue());
        }
        chromium.screenshot(SCREENSHOTS.resolve("search-to-guide.png"));
    }

    @Test
    void theLifecycleAndCheckOrderDiagramsAreServedAndShown() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("index.html");
        for (String[] diagram : List.of(
                new String[] {"runs.html", "img/run-lifecycle.svg", "lifecycle"},
                new String[] {"errors.html", "img/check-order.svg", "check-order"})) {
            chromium.open(server.baseUrl() + "/docs/" + diagram[0]);
            List<WebElement> images = chromium.driver().findElements(By.cssSelector("img[src='" + diagram[1] + "']"));
            assertThat(images).as(diagram[0] + " shows " + diagram[1]).hasSize(1);
            WebElement image = images.get(0);
            scrollIntoView(chromium, image);
            chromium.until(d -> Boolean.TRUE.equals(chromium.script("return arguments[0].complete", image)));
            assertThat(image.isDisplayed()).as(diagram[1] + " visible").isTrue();
            assertThat(((Number) chromium.script("return arguments[0].naturalWidth", image)).intValue())
                    .as(diagram[1] + " decoded")
                    .isPositive();
            assertThat(image.getSize().getWidth()).as(diagram[1] + " width").isGreaterThan(300);
            assertThat(image.getSize().getHeight()).as(diagram[1] + " height").isGreaterThan(100);
            chromium.screenshot(SCREENSHOTS.resolve(diagram[2] + ".png"));

            Http.Response svg = http.get("/docs/" + diagram[1]);
            assertThat(svg.status()).isEqualTo(200);
            assertThat(svg.contentType()).startsWith("image/svg+xml");
        }
        String lifecycle = http.get("/docs/img/run-lifecycle.svg").body();
        for (String state : List.of(">queued<", ">running<", ">completed<", ">failed<")) {
            assertThat(lifecycle).contains(state);
        }
        String order = http.get("/docs/img/check-order.svg").body();
        List<String> checks = Jsoup.parse(http.get("/docs/errors.html").body())
                .select("#the-order-of-checks ~ ol")
                .first()
                .select("li code")
                .eachText();
        assertThat(checks).contains("missing_api_key", "rate_limited", "insufficient_credits");
        int at = -1;
        for (String code : checks) {
            assertThat(order.indexOf(code, at + 1))
                    .as("the diagram shows " + code + " where errors.md lists it")
                    .isGreaterThan(at);
            at = order.indexOf(code, at + 1);
        }
    }

    /** The toggle switches light and dark, and the choice holds on the next page until toggled back. */
    @Test
    void theThemeToggleSwitchesToDarkAndBack() throws Exception {
        HeadlessChromium chromium = freshBrowserAt("errors.html");
        assertThat(theme(chromium)).isEqualTo("light");
        assertThat(background(chromium)).isEqualTo("rgb(255, 255, 255)");
        chromium.driver().findElement(By.cssSelector("button.theme-toggle")).click();
        assertThat(theme(chromium)).isEqualTo("dark");
        assertThat(background(chromium)).isEqualTo("rgb(13, 17, 23)");
        chromium.screenshot(SCREENSHOTS.resolve("errors-dark.png"));

        chromium.open(server.baseUrl() + "/docs/runs.html#lifecycle");
        assertThat(theme(chromium)).as("remembered on the next page").isEqualTo("dark");
        assertThat(background(chromium)).isEqualTo("rgb(13, 17, 23)");
        chromium.screenshot(SCREENSHOTS.resolve("lifecycle-dark.png"));
        chromium.open(server.baseUrl() + "/docs/reference.html");
        assertThat(theme(chromium)).isEqualTo("dark");
        chromium.until(
                d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty());
        assertThat(chromium.script("return getComputedStyle(document.getElementById('swagger-ui')).filter"))
                .as("Swagger UI, drawn light, is inverted")
                .asString()
                .contains("invert");
        chromium.screenshot(SCREENSHOTS.resolve("reference-dark.png"));
        chromium.driver().findElement(By.cssSelector("button.theme-toggle")).click();
        assertThat(theme(chromium)).isEqualTo("light");
        chromium.open(server.baseUrl() + "/docs/errors.html");
        assertThat(theme(chromium)).isEqualTo("light");
        assertThat(background(chromium)).isEqualTo("rgb(255, 255, 255)");

        chromium.open(server.baseUrl() + "/docs/errors.html?theme=dark");
        assertThat(Jsoup.parse(chromium.dom()).select("html").attr("data-theme"))
                .isEqualTo("dark");
    }

    @Test
    void everyErrorCodeHasAPage() {
        Document errors = Jsoup.parse(http.get("/docs/errors.html").body());
        List<String> codePages = errors.select("p.code-page a").eachAttr("href");
        assertThat(codePages)
                .contains("error-invalid_api_key.html", "error-insufficient_scope.html", "error-internal_error.html");
        for (String file : codePages) {
            Http.Response page = http.get("/docs/" + file);
            assertThat(page.status()).as(file).isEqualTo(200);
            String code = file.replaceFirst("^error-", "").replaceFirst("\\.html$", "");
            assertThat(Jsoup.parse(page.body()).select("main h1").text())
                    .as(file)
                    .isEqualTo(code);
        }
    }

    /** Every tab group of the page shows this language (the other tab hidden), or curl where it has no such tab. */
    private static void assertLanguageShown(HeadlessChromium chromium, String lang) {
        List<WebElement> groups = chromium.driver().findElements(By.cssSelector("[data-tabs]"));
        assertThat(groups).isNotEmpty();
        for (WebElement group : groups) {
            String other = lang.equals("java") ? "curl" : "java";
            assertThat(group.findElement(By.cssSelector("[role=tab][aria-selected=true]"))
                            .getDomAttribute("data-lang"))
                    .isEqualTo(lang);
            WebElement shown = group.findElement(By.cssSelector(".tab-panel[data-lang=" + lang + "]"));
            assertThat(shown.getDomAttribute("hidden")).isNull();
            assertThat(group.findElement(By.cssSelector(".tab-panel[data-lang=" + other + "]"))
                            .getDomAttribute("hidden"))
                    .isNotNull();
            assertThat(shown.getAttribute("textContent")).contains(lang.equals("java") ? "client." : "curl");
        }
    }

    private static String theme(HeadlessChromium chromium) {
        return (String) chromium.script("return document.documentElement.dataset.theme || 'light'");
    }

    private static String background(HeadlessChromium chromium) {
        return (String) chromium.script("return getComputedStyle(document.body).backgroundColor");
    }

    private static void scrollIntoView(HeadlessChromium chromium, WebElement element) {
        chromium.script("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    private static Operation createRun() {
        return operations.stream()
                .filter(op -> op.id().equals("createRun"))
                .findFirst()
                .orElseThrow();
    }

    /** Swagger UI's deep links: {@code /Tag} or {@code /Tag/operationId}. */
    private static boolean isOperationLink(String fragment) {
        return operations.stream()
                .anyMatch(op -> fragment.equals("/" + op.tag()) || fragment.equals("/" + op.tag() + "/" + op.id()));
    }

    /** The reference as Swagger UI rendered it (once the spec is loaded and laid out). */
    private static synchronized String referenceDom() throws Exception {
        if (referenceDom == null) {
            HeadlessChromium chromium = browser();
            chromium.open(server.baseUrl() + "/docs/reference.html");
            chromium.until(
                    d -> !d.findElements(By.cssSelector("#swagger-ui .opblock")).isEmpty()
                            || !d.findElements(By.cssSelector("#swagger-ui .errors-wrapper"))
                                    .isEmpty());
            referenceDom = chromium.dom();
            chromium.screenshot(SCREENSHOTS.resolve("reference.png"));
        }
        return referenceDom;
    }

    /** The class's one browser session, started on first use (Chromium is heavy on two cores). */
    private static synchronized HeadlessChromium browser() {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
        }
        return chromium;
    }

    /** The browser on a page of the site, with nothing remembered from an earlier test. */
    private static HeadlessChromium freshBrowserAt(String page) {
        HeadlessChromium chromium = browser();
        chromium.open(server.baseUrl() + "/docs/index.html");
        chromium.forgetSiteChoices();
        chromium.open(server.baseUrl() + "/docs/" + page);
        return chromium;
    }

    private static String path(String url) {
        return url.substring(server.baseUrl().length()).replaceFirst("#.*$", "");
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(String spec) {
        Map<String, Object> root = new Yaml().load(spec);
        List<Operation> ops = new ArrayList<>();
        ((Map<String, Object>) root.get("paths"))
                .forEach((path, item) -> ((Map<String, Object>) item).forEach((key, value) -> {
                    if (METHODS.contains(key)) {
                        Map<String, Object> op = (Map<String, Object>) value;
                        List<String> tags = (List<String>) op.getOrDefault("tags", List.of("default"));
                        ops.add(new Operation((String) op.get("operationId"), tags.get(0), key, path));
                    }
                }));
        return ops;
    }
}
