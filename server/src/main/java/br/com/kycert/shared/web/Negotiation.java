package br.com.kycert.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation as RFC 9110 §12 defines it, for the two headers the API honours: {@code Accept} (media
 * ranges, the most specific range decides, {@code q=0} means "not this") and {@code Accept-Encoding} (gzip and
 * deflate only: the codings every HTTP client decodes).
 */
final class Negotiation {

    private Negotiation() {}

    /** One element of an Accept or Accept-Encoding list. */
    private record Element(String value, double q) {}

    /** Whether these {@code Accept} values let the API answer {@code application/json}. Absent or unreadable: yes. */
    static boolean acceptsJson(List<String> values) {
        int bestSpecificity = -1;
        double q = 0;
        boolean anyValid = false;
        for (Element e : elements(values)) {
            String range = e.value().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            int slash = range.indexOf('/');
            if (slash <= 0 || slash == range.length() - 1) {
                continue;
            }
            anyValid = true;
            String type = range.substring(0, slash);
            String subtype = range.substring(slash + 1);
            int specificity;
            if (type.equals("application") && subtype.equals("json")) {
                specificity = 3;
            } else if (type.equals("application") && subtype.equals("*")) {
                specificity = 2;
            } else if (type.equals("*") && subtype.equals("*")) {
                specificity = 1;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = e.q();
            }
        }
        return !anyValid || q > 0;
    }

    /**
     * The weight these {@code Accept} values give {@code type/subtype} (RFC 9110 §12.5.1: the most specific matching
     * range decides). No header, or one with no readable range: 1. A header none of whose ranges matches: 0.
     */
    static double quality(List<String> values, String type, String subtype) {
        int bestSpecificity = -1;
        double q = 0;
        boolean anyValid = false;
        for (Element e : elements(values)) {
            String range = e.value().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            int slash = range.indexOf('/');
            if (slash <= 0 || slash == range.length() - 1) {
                continue;
            }
            anyValid = true;
            String t = range.substring(0, slash);
            String s = range.substring(slash + 1);
            int specificity;
            if (t.equals(type) && s.equals(subtype)) {
                specificity = 3;
            } else if (t.equals(type) && s.equals("*")) {
                specificity = 2;
            } else if (t.equals("*") && s.equals("*")) {
                specificity = 1;
            } else {
                continue;
            }
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                q = e.q();
            }
        }
        return anyValid ? q : 1;
    }

    /**
     * The {@code Accept-Encoding} to hand to the server's compressor: gzip and deflate with the weights the client
     * gave them (directly or through {@code *}), or null when the client accepts neither.
     */
    static String compressionFor(List<String> values) {
        double star = -1;
        double gzip = -1;
        double deflate = -1;
        for (Element e : elements(values)) {
            String coding = e.value().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "*" -> star = e.q();
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, e.q());
                case "deflate" -> deflate = Math.max(deflate, e.q());
                default -> {}
            }
        }
        gzip = gzip < 0 ? star : gzip;
        deflate = deflate < 0 ? star : deflate;
        List<String> out = new ArrayList<>();
        if (gzip > 0) {
            out.add("gzip;q=" + gzip);
        }
        if (deflate > 0) {
            out.add("deflate;q=" + deflate);
        }
        return out.isEmpty() ? null : String.join(", ", out);
    }

    private static List<Element> elements(List<String> values) {
        List<Element> out = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                String element = part.strip();
                if (element.isEmpty()) {
                    continue;
                }
                double q = 1;
                for (String parameter : element.split(";")) {
                    String p = parameter.strip().toLowerCase(Locale.ROOT);
                    if (p.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(p.substring(2));
                        } catch (NumberFormatException badWeight) {
                            q = 0;
                        }
                    }
                }
                out.add(new Element(element, Math.max(0, Math.min(1, q))));
            }
        }
        return out;
    }
}
