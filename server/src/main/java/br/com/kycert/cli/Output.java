package br.com.kycert.cli;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints command results: JSON with {@code --json}, an aligned table otherwise. */
@Singleton
final class Output {

    private final ObjectMapper json;
    private final PrintStream out = System.out;

    Output(ObjectMapper json) {
        this.json = json;
    }

    void one(boolean asJson, Map<String, Object> row) {
        if (asJson) {
            out.println(write(row));
        } else {
            table(List.of(row));
        }
    }

    void many(boolean asJson, List<Map<String, Object>> rows) {
        if (asJson) {
            out.println(write(rows));
        } else {
            table(rows);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void table(List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            out.println("(none)");
            return;
        }
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String c : columns) {
            int w = c.length();
            for (Map<String, Object> r : rows) {
                w = Math.max(w, cell(r.get(c)).length());
            }
            widths.put(c, w);
        }
        StringBuilder header = new StringBuilder();
        for (String c : columns) {
            header.append(String.format("%-" + widths.get(c) + "s  ", c.toUpperCase()));
        }
        out.println(header.toString().stripTrailing());
        for (Map<String, Object> r : rows) {
            StringBuilder line = new StringBuilder();
            for (String c : columns) {
                line.append(String.format("%-" + widths.get(c) + "s  ", cell(r.get(c))));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
