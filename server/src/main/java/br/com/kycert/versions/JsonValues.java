package br.com.kycert.versions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers over JSON/YAML values read as maps and lists; a shape that is not there is a bug, not a 4xx. */
final class JsonValues {

    private JsonValues() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalStateException("expected an object, got " + (value == null ? "null" : value.getClass()));
    }

    /** The object reached from {@code root} through {@code keys}, one object member per key. */
    static Map<String, Object> at(Object root, String... keys) {
        Map<String, Object> node = map(root);
        for (String key : keys) {
            node = map(node.get(key));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalStateException("expected an array, got " + (value == null ? "null" : value.getClass()));
    }

    /** Puts {@code key} right after {@code after}, keeping the order of the others (YAML readers see it). */
    static void putAfter(Map<String, Object> map, String after, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        map.clear();
        copy.forEach((k, v) -> {
            map.put(k, v);
            if (k.equals(after)) {
                map.put(key, value);
            }
        });
        map.putIfAbsent(key, value);
    }
}
