package br.com.kycert.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Links between guides (and out of them, into the repository) keep pointing at something. */
class LinksTest {

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Markdown guide : Guides.all()) {
            for (String target : guide.linkTargets()) {
                if (target.matches("(?i)(https?|mailto):.*")) {
                    continue;
                }
                if (target.startsWith("/")) {
                    broken.add(guide.fileName() + ": " + target + " (use a relative link)");
                    continue;
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty()
                        ? guide.path()
                        : guide.path().getParent().resolve(file).normalize();
                if (!resolved.startsWith(Guides.repo()) || !Files.isRegularFile(resolved)) {
                    broken.add(guide.fileName() + ": " + target + " (no such file)");
                    continue;
                }
                if (anchor != null) {
                    if (!resolved.toString().endsWith(".md")) {
                        broken.add(guide.fileName() + ": " + target + " (anchor into a non-Markdown file)");
                    } else if (!Guides.read(resolved).anchors().contains(anchor)) {
                        broken.add(guide.fileName() + ": " + target + " (no heading with anchor #" + anchor + "; have "
                                + Guides.read(resolved).anchors() + ")");
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theIndexLinksToEveryOtherGuide() {
        Markdown index = Guides.named("index.md");
        List<String> linked =
                index.linkTargets().stream().map(t -> t.replaceAll("#.*", "")).toList();
        List<String> missing = Guides.all().stream()
                .map(Markdown::fileName)
                .filter(name -> !name.equals("index.md"))
                .filter(name -> !linked.contains(name))
                .toList();
        assertThat(missing)
                .as("guides missing from the table of contents in index.md")
                .isEmpty();
    }

    @Test
    void everyGuideHasOneTitleAndNoDuplicateAnchors() {
        for (Markdown guide : Guides.all()) {
            assertThat(guide.text())
                    .as(guide.fileName() + " starts with its title")
                    .startsWith("# ");
            assertThat(guide.headingLevels().stream()
                            .filter(level -> level == 1)
                            .count())
                    .as(guide.fileName() + " has one level-1 heading")
                    .isEqualTo(1);
            List<String> slugs = guide.headings().stream().map(Markdown::slug).toList();
            assertThat(slugs)
                    .as(guide.fileName() + " headings have distinct anchors")
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(Markdown.slug("`run_not_found`")).isEqualTo("run_not_found");
        assertThat(Markdown.slug("2026-06-03 (current)")).isEqualTo("2026-06-03-current");
        assertThat(Markdown.slug("Keys and environments")).isEqualTo("keys-and-environments");
        assertThat(Markdown.slug("What's [new](x.md), here?")).isEqualTo("whats-new-here");
    }
}
