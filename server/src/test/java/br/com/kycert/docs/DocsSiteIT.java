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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The docs site as the server serves it at {@code /docs}: the guides and an API reference rendered
 * from the spec by the browser, with no network, and not one broken link.
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
        Document dom = Jsoup.parse(
                HeadlessChromium.require().dumpDom(server.baseUrl() + "/docs"), server.baseUrl() + "/docs/");
        assertThat(dom.select("main h1").text()).isNotBlank();
        List<String> nav = dom.select("nav.sidebar a").eachAttr("href");
        assertThat(nav).contains("index.html", "quickstart.html", "reference.html");
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
            String html = url.endsWith("/reference.html")
                            && (HeadlessChromium.ifInstalled().isPresent() || HeadlessChromium.underCi())
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
    void examplesAreHighlightedAndTabbedCurlAndJavaAndTheTabChoiceApplies() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        String page = server.baseUrl() + "/docs/runs.html";
        Document curl = Jsoup.parse(chromium.dumpDom(page));
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
        for (Element group : curl.select("[data-tabs]")) {
            assertThat(group.select("[role=tab][aria-selected=true]").attr("data-lang"))
                    .isEqualTo("curl");
            assertThat(group.select(".tab-panel[data-lang=java]").hasAttr("hidden"))
                    .isTrue();
            assertThat(group.select(".tab-panel[data-lang=curl]").hasAttr("hidden"))
                    .isFalse();
        }
        assertThat(curl.select(".code > button.copy"))
                .as("a copy button on every code block")
                .hasSameSizeAs(curl.select(".code"));

        Document java = Jsoup.parse(chromium.dumpDom(page + "?lang=java"));
        for (Element group : java.select("[data-tabs]")) {
            assertThat(group.select("[role=tab][aria-selected=true]").attr("data-lang"))
                    .isEqualTo("java");
            assertThat(group.select(".tab-panel[data-lang=curl]").hasAttr("hidden"))
                    .isTrue();
            assertThat(group.select(".tab-panel[data-lang=java]").text()).contains("client.");
        }
        chromium.screenshot(page + "?lang=java#creating-a-run", SCREENSHOTS.resolve("runs-java-tab.png"));
    }

    @Test
    void searchFindsGuidesErrorCodesAndOperations() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document idempotency =
                Jsoup.parse(chromium.dumpDom(server.baseUrl() + "/docs/search.html?q=idempotency+replayed"));
        assertThat(idempotency.select("#search-results a").eachAttr("href"))
                .anyMatch(h -> h.startsWith("idempotency.html"));
        Document code = Jsoup.parse(chromium.dumpDom(server.baseUrl() + "/docs/search.html?q=insufficient_scope"));
        assertThat(code.select("#search-results a").eachAttr("href")).contains("error-insufficient_scope.html");
        Document operation = Jsoup.parse(chromium.dumpDom(server.baseUrl() + "/docs/search.html?q=createRun"));
        List<String> hrefs = operation.select("#search-results a").eachAttr("href");
        Operation create = operations.stream()
                .filter(op -> op.id().equals("createRun"))
                .findFirst()
                .orElseThrow();
        assertThat(hrefs).contains("reference.html#/" + create.tag() + "/createRun");
        Document nothing = Jsoup.parse(chromium.dumpDom(server.baseUrl() + "/docs/search.html?q=zzyzx"));
        assertThat(nothing.select("#search-results .no-hits").text()).contains("zzyzx");
        chromium.screenshot(
                server.baseUrl() + "/docs/search.html?q=webhook+signature", SCREENSHOTS.resolve("search.png"));
    }

    @Test
    void theLifecycleAndCheckOrderDiagramsAreServedAndShown() throws Exception {
        for (String[] diagram : List.of(
                new String[] {"runs.html", "img/run-lifecycle.svg"},
                new String[] {"errors.html", "img/check-order.svg"})) {
            Document page = Jsoup.parse(HeadlessChromium.require().dumpDom(server.baseUrl() + "/docs/" + diagram[0]));
            assertThat(page.select("img[src=" + diagram[1] + "]"))
                    .as(diagram[0] + " shows " + diagram[1])
                    .hasSize(1);
            Http.Response svg = http.get("/docs/" + diagram[1]);
            assertThat(svg.status()).isEqualTo(200);
            assertThat(svg.contentType()).startsWith("image/svg+xml");
        }
        String lifecycle = http.get("/docs/img/run-lifecycle.svg").body();
        for (String state : List.of(">queued<", ">running<", ">completed<", ">failed<")) {
            assertThat(lifecycle).contains(state);
        }
        String order = http.get("/docs/img/check-order.svg").body();
        assertThat(order.indexOf("missing_api_key")).isLessThan(order.indexOf("insufficient_scope"));
        assertThat(order.indexOf("invalid_api_version")).isLessThan(order.indexOf("validation_failed"));
        HeadlessChromium.require()
                .screenshot(server.baseUrl() + "/docs/runs.html#lifecycle", SCREENSHOTS.resolve("lifecycle.png"));
        HeadlessChromium.require()
                .screenshot(
                        server.baseUrl() + "/docs/errors.html#the-order-of-checks",
                        SCREENSHOTS.resolve("check-order.png"));
    }

    @Test
    void darkModeFollowsTheChoiceAndEveryErrorCodeHasAPage() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Document dark = Jsoup.parse(chromium.dumpDom(server.baseUrl() + "/docs/errors.html?theme=dark"));
        assertThat(dark.select("html").attr("data-theme")).isEqualTo("dark");
        assertThat(dark.select("button.theme-toggle")).hasSize(1);
        chromium.screenshot(server.baseUrl() + "/docs/errors.html?theme=dark", SCREENSHOTS.resolve("errors-dark.png"));

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

    /** Swagger UI's deep links: {@code /Tag} or {@code /Tag/operationId}. */
    private static boolean isOperationLink(String fragment) {
        return operations.stream()
                .anyMatch(op -> fragment.equals("/" + op.tag()) || fragment.equals("/" + op.tag() + "/" + op.id()));
    }

    private static synchronized String referenceDom() throws Exception {
        if (referenceDom == null) {
            referenceDom = HeadlessChromium.require().dumpDom(server.baseUrl() + "/docs/reference.html");
        }
        return referenceDom;
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
