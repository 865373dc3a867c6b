package br.com.kycert.docs.site;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax highlighting done once, when the site is built: code blocks leave the builder as HTML
 * with {@code <span class="hl-...">} tokens, so the pages need no highlighter script and look the
 * same with JavaScript off. Small lexers for the languages the guides use; anything else is
 * escaped as plain text.
 *
 * <p>Token classes: {@code hl-c} comment, {@code hl-s} string, {@code hl-k} keyword, {@code hl-n}
 * number or literal, {@code hl-v} variable, {@code hl-f} command-line flag, {@code hl-t} type,
 * {@code hl-a} key, attribute or annotation, {@code hl-p} command or tag name.
 */
final class Highlighter {

    /** One token kind: its CSS class and the pattern (no capturing groups of its own). */
    private record Rule(String css, String regex) {}

    /** All rules of a language as one alternation; group i is rule i. */
    private record Lexer(Pattern pattern, List<String> css) {}

    private static final Map<String, Lexer> LEXERS = Map.of(
            "bash",
                    compile(List.of(
                            new Rule("hl-c", "(?<![\\w$])#[^\\n]*"),
                            new Rule("hl-s", "'[^']*'"),
                            new Rule("hl-s", "\"(?:\\\\.|[^\"\\\\])*\""),
                            new Rule("hl-v", "\\$\\{[^}]*\\}|\\$[A-Za-z_][A-Za-z0-9_]*|\\$[0-9@#?]"),
                            new Rule(
                                    "hl-k",
                                    "\\b(?:if|then|else|elif|fi|for|in|do|done|while|until|case|esac|export|local|function)\\b"),
                            new Rule(
                                    "hl-p",
                                    "(?:(?<=^)|(?<=[\\n|;(]\\s{0,8})|(?<=\\$\\())(?:curl|jq|java|bin/kycert|bin/serve|echo|sleep|seq|export|\\./mvnw|mvn|psql)\\b"),
                            new Rule("hl-f", "(?<=\\s)--?[A-Za-z][A-Za-z0-9-]*"))),
            "java",
                    compile(List.of(
                            new Rule("hl-c", "//[^\\n]*|/\\*[\\s\\S]*?\\*/"),
                            new Rule("hl-s", "\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'"),
                            new Rule("hl-a", "@[A-Za-z][A-Za-z0-9_.]*"),
                            new Rule(
                                    "hl-k",
                                    "\\b(?:import|package|public|private|protected|static|final|class|interface|record|enum|"
                                            + "new|return|if|else|for|while|do|try|catch|finally|throw|throws|var|void|int|long|boolean|"
                                            + "double|char|byte|short|float|extends|implements|this|super|switch|case|default|break|continue|"
                                            + "instanceof)\\b"),
                            new Rule("hl-n", "\\b(?:true|false|null)\\b|\\b[0-9][0-9_]*(?:\\.[0-9]+)?[LlDdFf]?\\b"),
                            new Rule("hl-t", "\\b[A-Z][A-Za-z0-9_]*\\b"))),
            "json",
                    compile(List.of(
                            new Rule("hl-a", "\"(?:\\\\.|[^\"\\\\])*\"(?=\\s*:)"),
                            new Rule("hl-s", "\"(?:\\\\.|[^\"\\\\])*\""),
                            new Rule(
                                    "hl-n",
                                    "\\b(?:true|false|null)\\b|-?\\b[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\\b"))),
            "yaml",
                    compile(List.of(
                            new Rule("hl-c", "(?<![\\w\"'])#[^\\n]*"),
                            new Rule("hl-a", "(?m)^\\s*-?\\s*[A-Za-z0-9_./{}-]+(?=:)"),
                            new Rule("hl-s", "\"(?:\\\\.|[^\"\\\\])*\"|'[^']*'"),
                            new Rule("hl-n", "\\b(?:true|false|null)\\b|(?<=:\\s)-?[0-9]+(?:\\.[0-9]+)?\\b"))),
            "xml",
                    compile(List.of(
                            new Rule("hl-c", "<!--[\\s\\S]*?-->"),
                            new Rule("hl-p", "</?[A-Za-z][A-Za-z0-9:._-]*|/?>"),
                            new Rule("hl-a", "\\b[A-Za-z][A-Za-z0-9:_-]*(?==)"),
                            new Rule("hl-s", "\"[^\"]*\""))),
            "http",
                    compile(List.of(
                            new Rule("hl-k", "(?m)^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|HTTP/[0-9.]+)\\b"),
                            new Rule("hl-a", "(?m)^[A-Za-z][A-Za-z0-9-]*(?=:)"),
                            new Rule("hl-n", "(?m)(?<=^HTTP/[0-9.]{1,3} )[0-9]{3}"))));

    private static final Map<String, String> ALIASES =
            Map.of("sh", "bash", "shell", "bash", "console", "bash", "yml", "yaml", "html", "xml");

    private Highlighter() {}

    /** The language a fence info string names, as the lexers know it ("" when none). */
    static String language(String info) {
        String lang = info == null ? "" : info.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lang, lang);
    }

    /** The code as escaped HTML, with token spans where the language has a lexer. */
    static String highlight(String code, String language) {
        Lexer lexer = LEXERS.get(language(language));
        if (lexer == null) {
            return escape(code);
        }
        StringBuilder html = new StringBuilder(code.length() * 2);
        Matcher m = lexer.pattern().matcher(code);
        int last = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            html.append(escape(code.substring(last, m.start())));
            html.append("<span class=\"")
                    .append(cssOf(lexer, m))
                    .append("\">")
                    .append(escape(m.group()))
                    .append("</span>");
            last = m.end();
        }
        html.append(escape(code.substring(last)));
        return html.toString();
    }

    private static String cssOf(Lexer lexer, Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return lexer.css().get(g - 1);
            }
        }
        throw new IllegalStateException("no rule matched " + m.group());
    }

    private static Lexer compile(List<Rule> rules) {
        StringBuilder regex = new StringBuilder();
        for (Rule rule : rules) {
            regex.append(regex.isEmpty() ? "" : "|")
                    .append('(')
                    .append(rule.regex())
                    .append(')');
        }
        return new Lexer(
                Pattern.compile(regex.toString()), rules.stream().map(Rule::css).toList());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
