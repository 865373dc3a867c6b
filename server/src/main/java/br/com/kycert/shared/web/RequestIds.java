package br.com.kycert.shared.web;

import io.micronaut.http.HttpRequest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids: {@code req_} + 32 hex characters, generated once per request and kept on it. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "kycert.request-id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    /** The id of this request, assigned on first use. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = newId();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }
}
