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

    static final String SECTION = "<h2 id=\"codes-in-detail\">";
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
}
