package br.com.kycert.docs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough Markdown for the checks: fenced code blocks, inline code, tables, headings, links and
 * the anchors GitHub generates for headings. Everything except code blocks is "prose".
 */
final class Markdown {

    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\n]+)`");
    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");

    private final Path path;
    private final String text;
    private final List<String> proseLines = new ArrayList<>();
    private final List<String> codeBlocks = new ArrayList<>();

    Markdown(Path path, String text) {
        this.path = path;
        this.text = text;
        StringBuilder block = null;
        String fence = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                fence = trimmed.substring(0, 3);
                block = new StringBuilder();
                proseLines.add("");
            } else if (fence != null && trimmed.startsWith(fence)) {
                codeBlocks.add(block.toString());
                fence = null;
                block = null;
                proseLines.add("");
            } else if (fence != null) {
                block.append(line).append('\n');
                proseLines.add("");
            } else {
                proseLines.add(line);
            }
        }
        if (fence != null) {
            throw new IllegalStateException(path + ": unclosed code fence");
        }
    }

    Path path() {
        return path;
    }

    String fileName() {
        return path.getFileName().toString();
    }

    String text() {
        return text;
    }

    /** The contents of the fenced code blocks. */
    List<String> codeBlocks() {
        return codeBlocks;
    }

    /** The text outside fenced code blocks (code blocks become empty lines, so line numbers hold). */
    String prose() {
        return String.join("\n", proseLines);
    }

    /** The contents of inline code spans in the prose. */
    List<String> inlineCode() {
        List<String> spans = new ArrayList<>();
        Matcher m = INLINE_CODE.matcher(prose());
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** Everything that is code: fenced blocks and inline spans. */
    List<String> allCode() {
        List<String> code = new ArrayList<>(codeBlocks);
        code.addAll(inlineCode());
        return code;
    }

    /** Link targets in the prose (links inside code are not links). */
    List<String> linkTargets() {
        List<String> targets = new ArrayList<>();
        Matcher m = LINK.matcher(INLINE_CODE.matcher(prose()).replaceAll("code"));
        while (m.find()) {
            targets.add(m.group(2));
        }
        return targets;
    }

    /** Headings in the prose, as written (without the leading hashes). */
    List<String> headings() {
        List<String> headings = new ArrayList<>();
        for (String line : proseLines) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                headings.add(m.group(2));
            }
        }
        return headings;
    }

    /** Level of each heading, in order. */
    List<Integer> headingLevels() {
        List<Integer> levels = new ArrayList<>();
        for (String line : proseLines) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                levels.add(m.group(1).length());
            }
        }
        return levels;
    }

    /** The anchors GitHub generates for the headings, duplicates numbered {@code -1}, {@code -2}... */
    Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String heading : headings()) {
            String slug = slug(heading);
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /** The text from a heading to the next heading of the same or a higher level. */
    String section(String heading) {
        List<String> lines = proseLines;
        int start = -1;
        int level = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HEADING.matcher(lines.get(i));
            if (m.matches()) {
                if (start >= 0 && m.group(1).length() <= level) {
                    return String.join("\n", lines.subList(start, i));
                }
                if (start < 0 && m.group(2).equals(heading)) {
                    start = i + 1;
                    level = m.group(1).length();
                }
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException(fileName() + " has no heading '" + heading + "'");
        }
        return String.join("\n", lines.subList(start, lines.size()));
    }

    /** Table body rows in the prose, as trimmed cells; header and separator rows excluded. */
    List<List<String>> tableRows() {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : proseLines) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(trimmed);
            if (cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                inTable = true; // the line above was the header
                continue;
            }
            if (inTable) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /** GitHub's heading anchor: lower case, markup and punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1").replace("`", "");
        text = text.toLowerCase(Locale.ROOT);
        text = text.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "");
        return text.replace(' ', '-');
    }
}
