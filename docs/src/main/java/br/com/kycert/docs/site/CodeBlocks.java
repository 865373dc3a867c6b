package br.com.kycert.docs.site;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders the guides' code blocks: highlighted at build time ({@link Highlighter}), and a curl
 * example followed by its Java SDK twin (nothing but an {@code <!-- example -->} comment between
 * them) as one block with a curl and a Java tab. The tab a reader picks is remembered and applied
 * to every example (site.js); with JavaScript off both stay visible, one after the other.
 */
final class CodeBlocks implements NodeRenderer {

    private final HtmlWriter html;
    private final Map<Node, FencedCodeBlock> pairs;

    CodeBlocks(HtmlNodeRendererContext context, Map<Node, FencedCodeBlock> pairs) {
        this.html = context.getWriter();
        this.pairs = pairs;
    }

    /** Each shell example that calls the API and has a Java block right after it → that block. */
    static Map<Node, FencedCodeBlock> pairs(Node document) {
        Map<Node, FencedCodeBlock> pairs = new IdentityHashMap<>();
        pair(document, pairs);
        return pairs;
    }

    private static void pair(Node parent, Map<Node, FencedCodeBlock> pairs) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof FencedCodeBlock shell
                    && Highlighter.language(shell.getInfo()).equals("bash")) {
                Node next = node.getNext();
                while (next instanceof HtmlBlock comment
                        && comment.getLiteral().strip().startsWith("<!--")) {
                    next = next.getNext();
                }
                if (next instanceof FencedCodeBlock java
                        && Highlighter.language(java.getInfo()).equals("java")) {
                    pairs.put(shell, java);
                }
            }
            pair(node, pairs);
        }
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
        FencedCodeBlock block = (FencedCodeBlock) node;
        if (pairs.containsValue(block)) {
            return; // rendered as the second tab of the shell example before it
        }
        FencedCodeBlock java = pairs.get(block);
        if (java == null) {
            html.raw(code(block));
            html.line();
            return;
        }
        html.raw(
                "<div class=\"tabs\" data-tabs>\n<div class=\"tablist\" role=\"tablist\" aria-label=\"Example language\">"
                        + "<button type=\"button\" role=\"tab\" data-lang=\"curl\" aria-selected=\"true\">curl</button>"
                        + "<button type=\"button\" role=\"tab\" data-lang=\"java\" aria-selected=\"false\">Java</button></div>\n"
                        + "<div class=\"tab-panel\" role=\"tabpanel\" data-lang=\"curl\">" + code(block) + "</div>\n"
                        + "<div class=\"tab-panel\" role=\"tabpanel\" data-lang=\"java\">" + code(java)
                        + "</div>\n</div>");
        html.line();
    }

    private static String code(FencedCodeBlock block) {
        String lang = Highlighter.language(block.getInfo());
        String css = lang.isEmpty() ? "" : " class=\"language-" + Highlighter.escape(lang) + "\"";
        return "<div class=\"code\"><pre><code" + css + ">" + Highlighter.highlight(block.getLiteral(), lang)
                + "</code></pre></div>";
    }
}
