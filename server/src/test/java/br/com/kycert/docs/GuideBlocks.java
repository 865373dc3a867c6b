package br.com.kycert.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the guides, with the {@code <!-- example: ... -->} comment that marks a
 * block as an executable example and says what it must answer. The comment is invisible on GitHub
 * and on the docs site; it sits on the line right above the fence:
 *
 * <pre>
 * &lt;!-- example: 201 --&gt;           every HTTP call of the block answers 201
 * &lt;!-- example: 201 200 200 --&gt;   exactly three calls, answering these in order
 * &lt;!-- example: 400 invalid_request --&gt;  ...and the last answer is a problem with this code
 * &lt;!-- example --&gt;               run it; it makes no HTTP call (operator CLI, shell setup)
 * &lt;!-- example: compile --&gt;       Java only: compile against the SDK, do not run
 * </pre>
 */
final class GuideBlocks {

    private static final Pattern ANNOTATION = Pattern.compile("^<!--\\s*example(?::\\s*(.*?))?\\s*-->$");
    private static final Pattern FENCE = Pattern.compile("^(```|~~~)\\s*([A-Za-z0-9_+-]*).*$");

    /** What an annotation asks for. */
    record Expectation(List<Integer> statuses, List<String> codes, boolean compileOnly) {
        static Expectation parse(String spec) {
            List<Integer> statuses = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            boolean compileOnly = false;
            for (String token : spec == null ? new String[0] : spec.trim().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                if (token.matches("\\d{3}")) {
                    statuses.add(Integer.parseInt(token));
                } else if (token.equals("compile")) {
                    compileOnly = true;
                } else if (token.matches("[a-z][a-z_]*")) {
                    codes.add(token);
                } else {
                    throw new IllegalArgumentException(
                            "unknown token '" + token + "' in <!-- example: " + spec + " -->");
                }
            }
            return new Expectation(List.copyOf(statuses), List.copyOf(codes), compileOnly);
        }
    }

    /** One fenced block: where it is, its language, its text, and its annotation if any. */
    record Block(String guide, int line, String language, String code, Optional<Expectation> expectation) {
        String where() {
            return guide + ":" + line;
        }

        boolean isShell() {
            return language.equals("bash") || language.equals("sh") || language.equals("shell");
        }

        boolean isJava() {
            return language.equals("java");
        }

        boolean callsApi() {
            return isShell() && code.matches("(?s).*\\bcurl\\s.*");
        }
    }

    /** A guide's blocks, in order, and for each the documented response that follows it (if any). */
    record Guide(String name, List<Block> blocks, List<Optional<Block>> responses) {}

    private GuideBlocks() {}

    static List<Guide> all(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .sorted()
                    .map(GuideBlocks::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Guide read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Guide parse(String name, String text) {
        List<Block> blocks = new ArrayList<>();
        List<Integer> headingsAt = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String lastNonBlank = "";
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            Matcher fence = FENCE.matcher(trimmed);
            if (fence.matches()) {
                String marker = fence.group(1);
                StringBuilder code = new StringBuilder();
                int start = i + 1; // the fence's line number
                i++;
                while (i < lines.length && !lines[i].strip().startsWith(marker)) {
                    code.append(lines[i]).append('\n');
                    i++;
                }
                Matcher annotation = ANNOTATION.matcher(lastNonBlank);
                Optional<Expectation> expectation =
                        annotation.matches() ? Optional.of(Expectation.parse(annotation.group(1))) : Optional.empty();
                blocks.add(new Block(
                        name, start, fence.group(2).toLowerCase(java.util.Locale.ROOT), code.toString(), expectation));
                lastNonBlank = "";
                continue;
            }
            if (trimmed.startsWith("#")) {
                headingsAt.add(blocks.size());
            }
            if (!trimmed.isEmpty()) {
                lastNonBlank = trimmed;
            }
        }
        // The response a block documents is the json/http block right after it, in the same section;
        // a curl example's Java twin (shown as its second tab on the site) may stand between them.
        List<Optional<Block>> responses = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Optional<Block> response = Optional.empty();
            int after = b + 1;
            if (blocks.get(b).isShell()
                    && after < blocks.size()
                    && !headingsAt.contains(after)
                    && blocks.get(after).isJava()) {
                after++;
            }
            if (after < blocks.size() && !headingsAt.contains(after) && !headingsAt.contains(b + 1)) {
                Block next = blocks.get(after);
                if ((next.language().equals("json") || next.language().equals("http"))
                        && next.expectation().isEmpty()) {
                    response = Optional.of(next);
                }
            }
            responses.add(response);
        }
        return new Guide(name, List.copyOf(blocks), List.copyOf(responses));
    }
}
