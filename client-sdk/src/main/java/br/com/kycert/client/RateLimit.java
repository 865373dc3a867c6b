package br.com.kycert.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rate-limit state a response reported, read from the {@code RateLimit} and {@code RateLimit-Policy} headers of
 * draft-ietf-httpapi-ratelimit-headers (revision 11), e.g.
 *
 * <pre>
 * RateLimit-Policy: "key";q=25;w=1
 * RateLimit: "key";r=24;t=1
 * </pre>
 *
 * means: policy {@code key} allows 25 requests per 1-second window; 24 remain, and the window resets in 1 second.
 * When a response names several policies, the one with the fewest remaining requests is reported: it is the one
 * that will refuse first. Immutable.
 *
 * @param policy the policy's name, e.g. {@code key} or {@code tenant}; {@code null} if the server named none
 * @param limit the quota of the policy's window ({@code q}), or {@code null} when no {@code RateLimit-Policy} said
 * @param remaining how many requests remain in the current window ({@code r})
 * @param reset when the window resets, from the response ({@code t}); {@code null} when not said
 * @param window the length of the policy's window ({@code w}); {@code null} when not said
 */
public record RateLimit(String policy, Long limit, long remaining, Duration reset, Duration window) {

    /**
     * Reads the state from response headers.
     *
     * @param headers the response headers, names in any case
     * @return the state, or empty when there is no readable {@code RateLimit} header
     */
    public static Optional<RateLimit> fromHeaders(Map<String, List<String>> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        List<String> state = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        headers.forEach((name, values) -> {
            if ("RateLimit".equalsIgnoreCase(name)) {
                state.addAll(values);
            } else if ("RateLimit-Policy".equalsIgnoreCase(name)) {
                policies.addAll(values);
            }
        });
        Map<String, Map<String, String>> policyByName = new LinkedHashMap<>();
        for (Map<String, String> item : items(policies)) {
            policyByName.putIfAbsent(item.get(""), item);
        }
        RateLimit tightest = null;
        for (Map<String, String> item : items(state)) {
            Long remaining = number(item.get("r"));
            if (remaining == null) {
                continue;
            }
            String name = item.get("");
            Map<String, String> policy = policyByName.getOrDefault(name, Map.of());
            Long reset = number(item.get("t"));
            Long window = number(policy.get("w"));
            RateLimit candidate = new RateLimit(
                    name,
                    number(policy.get("q")),
                    remaining,
                    reset == null ? null : Duration.ofSeconds(reset),
                    window == null ? null : Duration.ofSeconds(window));
            if (tightest == null || candidate.remaining() < tightest.remaining()) {
                tightest = candidate;
            }
        }
        return Optional.ofNullable(tightest);
    }

    /**
     * Reads the state from the JDK's response headers.
     *
     * @param headers the response headers
     * @return the state, or empty when there is no readable {@code RateLimit} header
     */
    public static Optional<RateLimit> fromHeaders(HttpHeaders headers) {
        return headers == null ? Optional.empty() : fromHeaders(headers.map());
    }

    /**
     * A Structured Fields list of items, each a name (quoted string or token) with {@code ;key=value} parameters.
     * Lenient: what cannot be read is skipped. The item's name is stored under the key {@code ""}.
     */
    private static List<Map<String, String>> items(List<String> values) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String value : values) {
            for (String member : splitOutsideQuotes(value, ',')) {
                List<String> parts = splitOutsideQuotes(member, ';');
                if (parts.isEmpty()) {
                    continue;
                }
                Map<String, String> item = new LinkedHashMap<>();
                item.put("", unquote(parts.get(0)));
                for (String parameter : parts.subList(1, parts.size())) {
                    int eq = parameter.indexOf('=');
                    if (eq > 0) {
                        item.put(parameter.substring(0, eq).strip(), unquote(parameter.substring(eq + 1)));
                    }
                }
                out.add(item);
            }
        }
        return out;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String unquote(String text) {
        String s = text.strip();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Long number(String text) {
        if (text == null || text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooBig) {
            return null;
        }
    }
}
