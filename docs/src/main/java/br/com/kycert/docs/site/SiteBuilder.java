package br.com.kycert.docs.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Builds the static documentation site: every guide of {@code docs/guides} and the SDK manual
 * rendered to HTML, the contract copied as {@code openapi.yaml}, and an API reference page that
 * renders it with Swagger UI from local assets (no CDN: the site works offline and from any static
 * host, and is what the server serves under {@code /docs}).
 *
 * <p>The build fails on a link that leaves the site or points at a heading that does not exist, so
 * a dead link never ships.
 *
 * <p>Usage: {@code SiteBuilder <repository root> <output directory>}.
 */
public final class SiteBuilder {

    /** The reference page and the spec copy, relative to the site root. */
    public static final String REFERENCE_PAGE = "reference.html";

    public static final String SPEC_FILE = "openapi.yaml";

    private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/";
    private static final List<String> SWAGGER_UI_FILES =
            List.of("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-bundle.js.LICENSE.txt");
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    /** One Markdown source and the page it becomes. */
    private record Page(Path source, String file, String title, Node document, Set<String> anchors) {}

    private final Path repo;
    private final Path out;
    private final Path spec;
    private final Map<Path, Page> pages = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    /** Images the guides show (diagrams), by their path relative to the site root. */
    private final Map<String, Path> images = new LinkedHashMap<>();

    SiteBuilder(Path repo, Path out) {
        this.repo = repo.toAbsolutePath().normalize();
        this.out = out.toAbsolutePath().normalize();
        this.spec = this.repo.resolve("openapi/kycert.yaml");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: SiteBuilder <repository root> <output directory>");
        }
        new SiteBuilder(Path.of(args[0]), Path.of(args[1])).build();
    }

    void build() throws IOException {
        Path guides = repo.resolve("docs/guides");
        try (Stream<Path> files = Files.list(guides)) {
            for (Path md :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                add(md, md.getFileName().toString().replaceFirst("\\.md$", ".html"));
            }
        }
        add(repo.resolve("client-sdk/README.md"), "client-sdk.html");
        Page index = pages.get(guides.resolve("index.md"));
        if (index == null) {
            throw new IllegalStateException("docs/guides/index.md is missing");
        }

        for (Page page : pages.values()) {
            rewriteLinks(page);
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("The docs site has broken links:\n  " + String.join("\n  ", errors));
        }

        deleteRecursively(out);
        Files.createDirectories(out.resolve("assets/swagger-ui"));
        List<Page> nav = navigation(index);
        SearchIndex search = new SearchIndex();
        Page errorsGuide = pages.get(guides.resolve("errors.md"));
        for (Page page : pages.values()) {
            String html = page == errorsGuide ? ErrorPages.linkCodes(render(page)) : render(page);
            search.addGuide(page.file(), page.title(), html);
            write(
                    page.file(),
                    layout(page.title(), page.file(), nav, "<article class=\"guide\">\n" + html + "</article>\n", ""));
        }
        if (errorsGuide != null) {
            for (ErrorPages.CodePage code : ErrorPages.split(render(errorsGuide))) {
                String file = code.file();
                search.add(code.code(), "Error code", file, code.text());
                write(
                        file,
                        layout(
                                code.code() + " · Errors",
                                file,
                                nav,
                                "<article class=\"guide\">\n" + code.html() + "</article>\n",
                                ""));
            }
            write(ErrorPages.TYPES_FILE, ErrorPages.typesJson(ErrorPages.types(render(errorsGuide))));
        }
        search.addOperations(spec);
        write(
                "search.html",
                layout(
                        "Search",
                        "search.html",
                        nav,
                        "<article class=\"guide\"><h1>Search</h1>\n<form class=\"search-page\" role=\"search\" action=\"search.html\">"
                                + "<input type=\"search\" name=\"q\" aria-label=\"Search the docs\" placeholder=\"Search guides and reference\">"
                                + "</form>\n<ol id=\"search-results\" class=\"search-results\"></ol>\n"
                                + "<noscript>Search needs JavaScript; every guide is listed on the left.</noscript></article>\n",
                        ""));
        write("assets/search-index.js", search.script());
        for (Map.Entry<String, Path> image : images.entrySet()) {
            Path target = out.resolve(image.getKey());
            Files.createDirectories(target.getParent());
            Files.copy(image.getValue(), target);
        }
        write(
                REFERENCE_PAGE,
                layout(
                        "API reference",
                        REFERENCE_PAGE,
                        nav,
                        "<div id=\"swagger-ui\" class=\"reference\"><noscript>The API reference needs JavaScript. The contract itself is "
                                + "<a href=\"" + SPEC_FILE + "\">" + SPEC_FILE + "</a>.</noscript></div>\n",
                        "<link rel=\"stylesheet\" href=\"assets/swagger-ui/swagger-ui.css\">\n"
                                + "<script src=\"assets/swagger-ui/swagger-ui-bundle.js\" defer></script>\n"
                                + "<script src=\"assets/reference.js\" defer></script>\n"));
        Files.copy(spec, out.resolve(SPEC_FILE));
        copyResource("site.css", "assets/site.css");
        copyResource("reference.js", "assets/reference.js");
        copyResource("site.js", "assets/site.js");
        String version = swaggerUiVersion();
        for (String file : SWAGGER_UI_FILES) {
            copyClasspath(SWAGGER_UI + version + "/" + file, out.resolve("assets/swagger-ui/" + file));
        }
    }

    private void add(Path source, String file) throws IOException {
        Node document = parser().parse(Files.readString(source, StandardCharsets.UTF_8));
        Map<Node, String> ids = headingIds(document);
        String title = null;
        for (Node node = document.getFirstChild(); node != null && title == null; node = node.getNext()) {
            if (node instanceof Heading h && h.getLevel() == 1) {
                title = text(h);
            }
        }
        if (title == null) {
            throw new IllegalStateException(source + " has no level-1 heading to title its page");
        }
        pages.put(
                source.toAbsolutePath().normalize(),
                new Page(
                        source.toAbsolutePath().normalize(), file, title, document, new LinkedHashSet<>(ids.values())));
    }

    /** Guides in the order index.md lists them, index first. */
    private List<Page> navigation(Page index) {
        List<Page> nav = new ArrayList<>();
        nav.add(index);
        index.document().accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                pages.values().stream()
                        .filter(p ->
                                link.getDestination().replaceFirst("#.*$", "").equals(p.file())
                                        && p.source().startsWith(index.source().getParent()))
                        .findFirst()
                        .filter(p -> !nav.contains(p))
                        .ifPresent(nav::add);
            }
        });
        return nav;
    }

    /**
     * Turns repository-relative Markdown links into site links ({@code runs.md#lifecycle} →
     * {@code runs.html#lifecycle}, the spec → {@code openapi.yaml}); records any link the site
     * cannot honour.
     */
    private void rewriteLinks(Page page) {
        page.document().accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                String target = image.getDestination();
                String where = repo.relativize(page.source()) + ": image " + target;
                Path resolved = page.source().getParent().resolve(target).normalize();
                if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || target.startsWith("/")) {
                    errors.add(where + " must be a relative path inside docs/guides (the site works offline)");
                } else if (!Files.isRegularFile(resolved) || !resolved.startsWith(repo.resolve("docs/guides"))) {
                    errors.add(where + " is not a file under docs/guides");
                } else {
                    String site = repo.resolve("docs/guides")
                            .relativize(resolved)
                            .toString()
                            .replace('\\', '/');
                    images.put(site, resolved);
                    image.setDestination(site);
                }
            }

            @Override
            public void visit(Link link) {
                String target = link.getDestination();
                if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
                    return; // https:, mailto: ... leave the site on purpose
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                String where = repo.relativize(page.source()) + ": link " + target;
                if (path.startsWith("/")) {
                    errors.add(where + " is absolute; use a relative link");
                    return;
                }
                Path resolved = path.isEmpty()
                        ? page.source()
                        : page.source().getParent().resolve(path).normalize();
                Page linked = pages.get(resolved);
                if (linked != null) {
                    if (anchor != null && !linked.anchors().contains(anchor)) {
                        errors.add(where + ": no heading #" + anchor + " in " + linked.file());
                    }
                    link.setDestination((path.isEmpty() ? "" : linked.file()) + (anchor == null ? "" : "#" + anchor));
                } else if (resolved.equals(spec) && anchor == null) {
                    link.setDestination(SPEC_FILE);
                } else {
                    errors.add(where + " leads to " + (Files.exists(resolved) ? repo.relativize(resolved) : "nothing")
                            + ", which is not part of the docs site");
                }
            }
        });
    }

    private static String render(Page page) {
        Map<Node, String> ids = headingIds(page.document());
        Map<Node, FencedCodeBlock> pairs = CodeBlocks.pairs(page.document());
        return HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .nodeRendererFactory(context -> new CodeBlocks(context, pairs))
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Heading && ids.containsKey(node)) {
                        attributes.put("id", ids.get(node));
                    }
                })
                .build()
                .render(page.document());
    }

    /** GitHub's heading anchors, so links written for GitHub work on the site unchanged. */
    static Map<Node, String> headingIds(Node document) {
        Map<Node, String> ids = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                String slug = slug(text(heading));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                ids.put(heading, n == 0 ? slug : slug + "-" + n);
            }
        });
        return ids;
    }

    /** Lower case, punctuation dropped, spaces to hyphens (as GitHub does). */
    public static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                .replace(' ', '-');
    }

    private static String text(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code code) {
                text.append(code.getLiteral());
            }
        });
        return text.toString();
    }

    private String layout(String title, String file, List<Page> nav, String main, String head) {
        StringBuilder links = new StringBuilder();
        for (Page page : nav) {
            links.append(navItem(page.file(), page.file().equals("index.html") ? "Overview" : page.title(), file));
        }
        links.append(navItem(REFERENCE_PAGE, "API reference", file));
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · kycert docs</title>
                <script>/* Served at a directory without its trailing slash (/docs): add it, so relative links resolve. */
                if (location.protocol !== "file:" && !/(\\/|\\.html)$/.test(location.pathname)) {
                  location.replace(location.pathname + "/" + location.search + location.hash);
                }</script>
                <script>/* The theme before first paint: the reader's choice, else the system's (no flash). */
                try { var t = localStorage.getItem("kycert-theme"); if (t) document.documentElement.dataset.theme = t; } catch (e) {}</script>
                <link rel="stylesheet" href="assets/site.css">
                <script src="assets/search-index.js" defer></script>
                <script src="assets/site.js" defer></script>
                %s</head>
                <body>
                <header class="top"><a class="brand" href="index.html">kycert docs</a>
                <form class="search" role="search" action="search.html"><input type="search" name="q" id="search" autocomplete="off"
                aria-label="Search the docs" placeholder="Search (press /)"><ol class="search-hits" hidden></ol></form>
                <span class="spec">API version %s · <a href="%s">openapi.yaml</a>
                <button type="button" class="theme-toggle" aria-label="Switch between light and dark">◐</button></span></header>
                <div class="layout">
                <nav class="sidebar" aria-label="Guides"><ul>
                %s</ul></nav>
                <main>
                %s</main>
                </div>
                </body>
                </html>
                """.formatted(escape(title), head, escape(apiVersion()), SPEC_FILE, links, main);
    }

    private static String navItem(String href, String label, String current) {
        return "<li><a href=\"" + href + "\"" + (href.equals(current) ? " aria-current=\"page\"" : "") + ">"
                + escape(label) + "</a></li>\n";
    }

    private String apiVersion() {
        try {
            for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
                String trimmed = line.strip();
                if (line.startsWith("  version:")) {
                    return trimmed.substring("version:".length()).strip().replace("\"", "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no info.version in " + spec);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static Parser parser() {
        return Parser.builder().extensions(EXTENSIONS).build();
    }

    private void write(String file, String html) throws IOException {
        Files.writeString(out.resolve(file), html, StandardCharsets.UTF_8);
    }

    private void copyResource(String name, String target) throws IOException {
        copyClasspath("br/com/kycert/docs/site/" + name, out.resolve(target));
    }

    private static void copyClasspath(String resource, Path target) throws IOException {
        try (InputStream in = SiteBuilder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        }
    }

    private static String swaggerUiVersion() throws IOException {
        try (InputStream in = SiteBuilder.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
