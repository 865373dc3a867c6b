package br.com.kycert.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body, read once by {@link DashboardGate} (which needs
 * it for the CSRF check) and handed to the page. Repeated names (checkboxes) keep every value.
 */
public final class FormData {

    static final FormData EMPTY = new FormData(Map.of());

    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    static FormData parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new FormData(values);
    }

    /** The first value of a field, stripped; empty when absent or blank. */
    public Optional<String> get(String name) {
        List<String> all = values.get(name);
        if (all == null || all.isEmpty()) {
            return Optional.empty();
        }
        String value = all.get(0).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Every non-blank value of a field (e.g. checked checkboxes). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of()).stream()
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape is treated as an empty value rather than a 500.
            return "";
        }
    }
}
