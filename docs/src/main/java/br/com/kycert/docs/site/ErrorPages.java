package br.com.kycert.docs.site;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page per error code, cut from the "Codes in detail" section of errors.md: the pages a
 * problem's {@code type} can point at ({@code error-<code>.html}), with the guide as their single
 * source.
 */
final class ErrorPages {

    /** A code's page: its file, its HTML and its text (for the search index). */
    record CodePage(String code, String file, String html, String text) {}

    /** A code's documentation as data. */
    record CodeType(String code, int status, String appliesTo, String summary, String retry, String description) {}

    /**
     * What the server answers at {@code /problems/<code>} to a client asking for JSON: per code, its status, the
     * operations it applies to, the "All codes" row (summary, retry advice) and the prose of its section.
     */
    static final String TYPES_FILE = "problem-types.json";

    static final String SECTION = "<h2 id=\"codes-in-detail\">";
    private static final Pattern TABLE_ROW = Pattern.compile(
            "<tr>\\s*<td>(\\d{3})</td>\\s*<td><code>([a-z0-9_]+)</code></td>\\s*<td>(.*?)</td>\\s*<td>(.*?)</td>\\s*</tr>",
            Pattern.DOTALL);
    private static final Pattern PARAGRAPH = Pattern.compile("<p>(.*?)</p>", Pattern.DOTALL);
    private static final Pattern LEAD = Pattern.compile("^<strong>(\\d{3}), (.*?)\\.</strong>\\s*", Pattern.DOTALL);
    private static final Pattern CODE_HEADING = Pattern.compile("<h3 id=\"([a-z0-9_]+)\"><code>\\1</code></h3>");

    private ErrorPages() {}

    static String file(String code) {
        return "error-" + code + ".html";
    }

    /** The errors guide with a link to each code's own page under the code's heading. */
    static String linkCodes(String errorsHtml) {
        int section = errorsHtml.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException("errors.md has no \"Codes in detail\" section");
        }
        Matcher m = CODE_HEADING.matcher(errorsHtml);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find(last)) {
            if (m.start() < section) {
                last = m.end();
                continue;
            }
            out.append(errorsHtml, out.isEmpty() ? 0 : last, m.end());
            out.append("\n<p class=\"code-page\"><a href=\"")
                    .append(file(m.group(1)))
                    .append("\">Page for ")
                    .append(m.group(1))
                    .append("</a></p>");
            last = m.end();
        }
        if (out.isEmpty()) {
            return errorsHtml;
        }
        return out.append(errorsHtml, last, errorsHtml.length()).toString();
    }

    /** Every code of "Codes in detail", with its section as a page. */
    static List<CodePage> split(String errorsHtml) {
        int section = errorsHtml.indexOf(SECTION);
        if (section < 0) {
            throw new IllegalStateException("errors.md has no \"Codes in detail\" section");
        }
        String detail = errorsHtml.substring(section);
        int nextH2 = detail.indexOf("<h2", SECTION.length());
        if (nextH2 > 0) {
            detail = detail.substring(0, nextH2);
        }
        List<CodePage> pages = new ArrayList<>();
        Matcher m = CODE_HEADING.matcher(detail);
        List<int[]> spans = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            codes.add(m.group(1));
        }
        for (int i = 0; i < codes.size(); i++) {
            int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : detail.length();
            String body = detail.substring(spans.get(i)[1], end)
                    // Links within the errors guide still land there from the code's own page.
                    .replace("href=\"#", "href=\"errors.html#");
            String code = codes.get(i);
            String html =
                    "<p class=\"breadcrumb\"><a href=\"errors.html\">Errors</a> › <a href=\"errors.html#all-codes\">All codes</a></p>\n"
                            + "<h1 id=\"" + code + "\"><code>" + code + "</code></h1>\n" + body
                            + "\n<p>The problem body, request ids and retrying: <a href=\"errors.html\">Errors</a>.</p>\n";
            pages.add(new CodePage(code, file(code), html, SearchIndex.text(body)));
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no ### `code` headings under \"Codes in detail\" in errors.md");
        }
        return pages;
    }

    /**
     * Every code of "Codes in detail" as data: status and scope from the bold lead of its section, summary and retry
     * advice from its "All codes" row, its paragraphs as plain text (examples left out).
     */
    static List<CodeType> types(String errorsHtml) {
        java.util.Map<String, String[]> rows = new java.util.HashMap<>();
        Matcher row = TABLE_ROW.matcher(errorsHtml);
        while (row.find()) {
            rows.put(row.group(2), new String[] {row.group(1), row.group(3), row.group(4)});
        }
        List<CodeType> types = new ArrayList<>();
        for (CodePage page : split(errorsHtml)) {
            String[] cells = rows.get(page.code());
            if (cells == null) {
                throw new IllegalStateException(page.code() + " has a section but no row in the \"All codes\" table");
            }
            List<String> paragraphs = new ArrayList<>();
            Matcher p = PARAGRAPH.matcher(page.html().substring(page.html().indexOf("</h1>")));
            String appliesTo = null;
            int status = Integer.parseInt(cells[0]);
            while (p.find()) {
                String html = p.group(1);
                if (paragraphs.isEmpty() && appliesTo == null) {
                    Matcher lead = LEAD.matcher(html);
                    if (!lead.find() || Integer.parseInt(lead.group(1)) != status) {
                        throw new IllegalStateException(
                                "the section of " + page.code() + " must start with **" + status + ", <where>.**");
                    }
                    appliesTo = plain(lead.group(2));
                    html = html.substring(lead.end());
                }
                if (html.contains("class=\"breadcrumb\"") || html.startsWith("The problem body, request ids")) {
                    continue;
                }
                paragraphs.add(plain(html));
            }
            types.add(new CodeType(
                    page.code(), status, appliesTo, plain(cells[1]), plain(cells[2]), String.join("\n\n", paragraphs)));
        }
        return types;
    }

    /** The text of an inline HTML fragment, as read: tags dropped without adding spaces. */
    private static String plain(String html) {
        return SearchIndex.text(html.replaceAll("<[^>]+>", ""));
    }

    /** {@link #types} as the JSON object the server loads: code → its documentation. */
    static String typesJson(List<CodeType> types) {
        StringBuilder out = new StringBuilder("{\n");
        for (int i = 0; i < types.size(); i++) {
            CodeType t = types.get(i);
            out.append("  ")
                    .append(SearchIndex.json(t.code()))
                    .append(": {")
                    .append("\"status\": ")
                    .append(t.status())
                    .append(", \"applies_to\": ")
                    .append(SearchIndex.json(t.appliesTo()))
                    .append(", \"summary\": ")
                    .append(SearchIndex.json(t.summary()))
                    .append(", \"retry\": ")
                    .append(SearchIndex.json(t.retry()))
                    .append(", \"description\": ")
                    .append(SearchIndex.json(t.description()))
                    .append(", \"page\": ")
                    .append(SearchIndex.json(file(t.code())))
                    .append(i + 1 < types.size() ? "},\n" : "}\n");
        }
        return out.append("}\n").toString();
    }
}
