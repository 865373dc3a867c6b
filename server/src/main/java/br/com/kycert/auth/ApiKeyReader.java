package br.com.kycert.auth;

import io.micronaut.http.HttpHeaders;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts the key a request presents, from every {@code X-API-Key} header and every
 * {@code Authorization: Bearer} header (equivalent ways to send it). Blank values and other
 * authorization schemes carry no key; the same key repeated is one key; two different keys, in any
 * combination of the headers, are a conflict rather than a guess at which one was meant.
 */
final class ApiKeyReader {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    /** What a request presents. */
    sealed interface Presented permits None, One, Conflicting {}

    /** No key at all. */
    record None() implements Presented {}

    /** Exactly one key (perhaps sent more than once). */
    record One(String key) implements Presented {
        @Override
        public String toString() {
            return "One[...]";
        }
    }

    /** Two or more different keys. */
    record Conflicting(int count) implements Presented {}

    private ApiKeyReader() {}

    static Presented read(HttpHeaders headers) {
        Set<String> keys = new LinkedHashSet<>();
        for (String value : headers.getAll(API_KEY_HEADER)) {
            if (value != null && !value.isBlank()) {
                keys.add(value.strip());
            }
        }
        for (String value : headers.getAll(HttpHeaders.AUTHORIZATION)) {
            bearer(value).ifPresent(keys::add);
        }
        return switch (keys.size()) {
            case 0 -> new None();
            case 1 -> new One(keys.iterator().next());
            default -> new Conflicting(keys.size());
        };
    }

    /** The token of {@code Bearer <token>} (scheme case-insensitive); empty for any other scheme. */
    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String token = value.substring(BEARER.length()).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }
}
