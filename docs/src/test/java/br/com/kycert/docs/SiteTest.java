package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The static site the build writes to docs/target/site (SiteBuilder): a page per guide with the
 * anchors GitHub gives its headings, links that all land, an API reference from the spec, and no
 * asset from the network. (The server's DocsSiteIT opens the same site in a browser.)
 */
class SiteTest {

    private static final Pattern LINK = Pattern.compile("\\b(href|src)=\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");

    static Path site() {
        String location = System.getProperty("kycert.site");
        assertThat(location)
                .as("system property kycert.site (see docs/pom.xml)")
                .isNotBlank();
        Path site = Path.of(location);
        assertThat(site.resolve("index.html"))
                .as("the site is built before the tests (process-classes)")
                .isRegularFile();
        return site;
    }

    @Test
    void everyGuideIsAPageWithTheAnchorsGitHubGivesItsHeadings() throws IOException {
        for (Markdown guide : Guides.all()) {
            Path page = site().resolve(guide.fileName().replaceFirst("\\.md$", ".html"));
            assertThat(page).isRegularFile();
            Set<String> ids = ids(Files.readString(page, StandardCharsets.UTF_8));
            assertThat(ids)
                    .as(page.getFileName() + " has every heading anchor of " + guide.fileName())
                    .containsAll(guide.anchors());
        }
    }

    @Test
    void everyLinkOfEveryPageLandsOnAFileAndAnAnchorOfTheSite() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String target = m.group(2);
                if (target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                if (target.matches("(?i)^[a-z][a-z0-9+.-]*:.*") || target.startsWith("//")) {
                    broken.add(page.getFileName() + ": " + target + " leaves the site");
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved =
                        file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(site()) || !Files.isRegularFile(resolved)) {
                    broken.add(page.getFileName() + ": " + target + " (no such file in the site)");
                } else if (hash >= 0
                        && resolved.toString().endsWith(".html")
                        && !ids(Files.readString(resolved, StandardCharsets.UTF_8))
                                .contains(target.substring(hash + 1))) {
                    broken.add(page.getFileName() + ": " + target + " (no such anchor)");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(links).isGreaterThan(100);
    }

    @Test
    void theReferenceRendersTheSpecWithLocalAssetsOnly() throws IOException {
        assertThat(Files.readString(site().resolve("openapi.yaml"), StandardCharsets.UTF_8))
                .as("the site's copy of the contract")
                .isEqualTo(Files.readString(Path.of(System.getProperty("kycert.spec")), StandardCharsets.UTF_8));
        String reference = Files.readString(site().resolve("reference.html"), StandardCharsets.UTF_8);
        assertThat(reference)
                .contains(
                        "assets/swagger-ui/swagger-ui-bundle.js",
                        "assets/swagger-ui/swagger-ui.css",
                        "assets/reference.js");
        assertThat(Files.readString(site().resolve("assets/reference.js"), StandardCharsets.UTF_8))
                .contains("url: \"openapi.yaml\"", "validatorUrl: null");
        assertThat(Files.size(site().resolve("assets/swagger-ui/swagger-ui-bundle.js")))
                .isGreaterThan(500_000);
        for (Path css : files(".css")) {
            String text = Files.readString(css, StandardCharsets.UTF_8);
            assertThat(text).as(css + " imports nothing").doesNotContain("@import");
            Matcher url = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)").matcher(text);
            while (url.find()) {
                assertThat(url.group(1))
                        .as(css + " loads nothing from the network")
                        .startsWith("data:");
            }
        }
    }

    @Test
    void theNavigationListsTheGuidesInTheOrderOfTheIndexAndTheReference() throws IOException {
        String index = Files.readString(site().resolve("index.html"), StandardCharsets.UTF_8);
        String nav = index.substring(index.indexOf("<nav"), index.indexOf("</nav>"));
        List<String> order = new ArrayList<>();
        Matcher m = LINK.matcher(nav);
        while (m.find()) {
            order.add(m.group(2));
        }
        List<String> fromIndex = new ArrayList<>(List.of("index.html"));
        for (String target : Guides.named("index.md").linkTargets()) {
            String page = target.replaceAll("#.*", "").replaceFirst("\\.md$", ".html");
            if (target.endsWith(".md") && !fromIndex.contains(page)) {
                fromIndex.add(page);
            }
        }
        fromIndex.add("reference.html");
        assertThat(order).isEqualTo(fromIndex);
    }

    private static Set<String> ids(String html) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<Path> pages() throws IOException {
        return files(".html");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(site())) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
