package br.com.kycert.client;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A successful response: the typed result plus what the response said about itself (request id, idempotent replay,
 * rate-limit state, the API version that served it). Returned by the {@code ...WithResponse} variant of every call;
 * the plain variant returns {@link #data()} alone.
 *
 * <pre>{@code
 * KycertResponse<Run> response = client.runs().createWithResponse(request, RequestOptions.none());
 * Run run = response.data();
 * log.info("run {} request_id={} replayed={} remaining={}", run.getId(), response.requestId(),
 *         response.idempotentReplayed(), response.rateLimit().map(RateLimit::remaining).orElse(null));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the result, e.g. {@link br.com.kycert.client.model.Run}
 */
public final class KycertResponse<T> {

    private final int statusCode;
    private final Map<String, List<String>> headers;
    private final T data;

    KycertResponse(int statusCode, Map<String, List<String>> headers, T data) {
        this.statusCode = statusCode;
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (name != null) {
                    byName.put(name, List.copyOf(values));
                }
            });
        }
        this.headers = Collections.unmodifiableMap(byName);
        this.data = data;
    }

    /**
     * The typed result.
     *
     * @return the decoded body, e.g. the {@code Run}
     */
    public T data() {
        return data;
    }

    /**
     * The HTTP status of the response, e.g. {@code 201} for a created run, {@code 200} otherwise.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The id kycert gave this request ({@code X-Request-Id}): quote it to support.
     *
     * @return the request id, or {@code null} if the response carried none
     */
    public String requestId() {
        return header("X-Request-Id").orElse(null);
    }

    /**
     * Whether this response replays an earlier request with the same {@code Idempotency-Key}
     * ({@code Idempotency-Replayed: true}): no second run was created and nothing was charged again.
     *
     * @return {@code true} for a replay; {@code false} for a first response and for every read
     */
    public boolean idempotentReplayed() {
        return header("Idempotency-Replayed")
                .map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false);
    }

    /**
     * The rate-limit state this response reported ({@code RateLimit-Policy} and {@code RateLimit} headers).
     *
     * @return the quota and what remains of it, or empty when the response carried no rate-limit headers
     */
    public Optional<RateLimit> rateLimit() {
        return RateLimit.fromHeaders(headers);
    }

    /**
     * The API version that served the request ({@code x-kycert-api-version}).
     *
     * @return the version, or {@code null} if the response did not say
     */
    public String apiVersion() {
        return header(ApiRequestor.API_VERSION_HEADER).orElse(null);
    }

    /**
     * The first value of a response header.
     *
     * @param name the header name, in any case
     * @return the value, or empty when the response did not carry the header
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    /**
     * Every response header.
     *
     * @return the headers, looked up case-insensitively; unmodifiable
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * Describes the response's metadata (not its data, which may hold personal information).
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "KycertResponse[status=" + statusCode + ", requestId=" + requestId() + ", idempotentReplayed="
                + idempotentReplayed() + ", rateLimit="
                + rateLimit().map(RateLimit::toString).orElse("none")
                + ", apiVersion=" + apiVersion() + ", data="
                + (data == null ? "null" : data.getClass().getSimpleName()) + "]";
    }
}
