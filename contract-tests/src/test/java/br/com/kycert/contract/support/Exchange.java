package br.com.kycert.contract.support;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recorded request/response pair, as it crossed the wire, with the spec's verdict on it.
 *
 * @param origin {@code http} (the suite's raw clients) or {@code sdk} (the SDK, seen by a recording proxy)
 * @param server which server answered: {@code main} (no worker), {@code worker} (the run worker processes sandbox
 *     runs) or, outside the contract environments, whatever the recording client was named
 * @param test the test that made the request
 * @param operationId the spec operation the request addressed, or {@code null} if none matches
 * @param problemCode the {@code code} of a problem+json response, else {@code null}
 * @param deliberatelyInvalidRequest the test sent a request the spec forbids on purpose (only the response is
 *     validated then)
 * @param violations what the validator and the suite's own contract checks found wrong; empty when conformant
 * @param tolerated validator messages silenced by a named, documented whitelist rule (see {@link ContractRecorder})
 */
public record Exchange(
        long seq,
        String origin,
        String server,
        String test,
        String method,
        String path,
        String query,
        Map<String, List<String>> requestHeaders,
        String requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        String responseBody,
        String operationId,
        String problemCode,
        boolean deliberatelyInvalidRequest,
        List<String> violations,
        List<String> tolerated) {

    public Optional<String> requestHeader(String name) {
        return first(requestHeaders, name);
    }

    public Optional<String> responseHeader(String name) {
        return first(responseHeaders, name);
    }

    public String target() {
        return method + " " + abbreviate(path, 100)
                + (query == null || query.isEmpty() ? "" : "?" + abbreviate(query, 80));
    }

    /** One line for reports: who, what, the outcome. */
    public String summary() {
        return String.format(
                "#%d %-4s %s %s: %s -> %d%s [%s]",
                seq,
                origin,
                server,
                test,
                target(),
                status,
                problemCode == null ? "" : " " + problemCode,
                operationId == null ? "no operation" : operationId);
    }

    /** The summary, the violations and enough of the exchange to reproduce it. */
    public String describe() {
        StringBuilder out = new StringBuilder(summary());
        violations.forEach(v -> out.append("\n      ! ").append(v));
        if (requestBody != null && !requestBody.isEmpty()) {
            out.append("\n      request body:  ").append(abbreviate(requestBody, 300));
        }
        out.append("\n      response headers: ").append(responseHeaders);
        out.append("\n      response body: ").append(abbreviate(responseBody, 600));
        return out.toString();
    }

    private static Optional<String> first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null
                        && e.getKey().equalsIgnoreCase(name)
                        && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
