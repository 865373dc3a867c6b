package br.com.kycert.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings for one request that override the client's: another API key (e.g. a read-only key), an explicit
 * {@code Idempotency-Key}, another API version, a different timeout or retry budget. Whatever is not set here is
 * the client's. Immutable and thread-safe.
 *
 * <p>Choosing another key is explicit and strict: {@link Builder#apiKey(String)} refuses {@code null} or a
 * malformed key instead of quietly falling back to the client's key, so a call meant to run with a restricted key
 * can never run with a broader one.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *         .idempotencyKey("order-4711-check")
 *         .timeout(Duration.ofSeconds(5))
 *         .build();
 * Run run = client.createRun(request, options);
 * }</pre>
 */
public final class RequestOptions {

    private static final RequestOptions NONE = new Builder().build();

    private final String apiKey;
    private final String idempotencyKey;
    private final String apiVersion;
    private final Duration timeout;
    private final Integer maxNetworkRetries;

    private RequestOptions(Builder builder) {
        this.apiKey = builder.apiKey;
        this.idempotencyKey = builder.idempotencyKey;
        this.apiVersion = builder.apiVersion;
        this.timeout = builder.timeout;
        this.maxNetworkRetries = builder.maxNetworkRetries;
    }

    /**
     * Options that override nothing.
     *
     * @return the empty options
     */
    public static RequestOptions none() {
        return NONE;
    }

    /**
     * Starts building options.
     *
     * @return a new builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts building options from these.
     *
     * @return a new builder holding this object's values
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.apiKey = apiKey;
        builder.idempotencyKey = idempotencyKey;
        builder.apiVersion = apiVersion;
        builder.timeout = timeout;
        builder.maxNetworkRetries = maxNetworkRetries;
        return builder;
    }

    /**
     * The API key to send instead of the client's.
     *
     * @return the key, or {@code null} to use the client's
     */
    public String getApiKey() {
        return apiKey;
    }

    /**
     * The {@code Idempotency-Key} to send. Only {@code createRun} sends one; reads ignore it.
     *
     * @return the key, or {@code null} to let {@code createRun} generate a random UUID
     */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /**
     * The API version to pin instead of the client's.
     *
     * @return the version, or {@code null} to use the client's
     */
    public String getApiVersion() {
        return apiVersion;
    }

    /**
     * How long to wait for the response instead of the client's read timeout.
     *
     * @return the timeout, or {@code null} to use the client's
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * How many times this request may be retried instead of the client's {@code maxNetworkRetries}.
     *
     * @return the retry budget, or {@code null} to use the client's
     */
    public Integer getMaxNetworkRetries() {
        return maxNetworkRetries;
    }

    /**
     * Describes the options without revealing the API key (only its environment prefix).
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "RequestOptions[apiKey=" + (apiKey == null ? "null" : ApiKeys.redact(apiKey)) + ", idempotencyKey="
                + idempotencyKey + ", apiVersion=" + apiVersion + ", timeout=" + timeout + ", maxNetworkRetries="
                + maxNetworkRetries + "]";
    }

    /** Builds {@link RequestOptions}. Not thread-safe; each setter validates its value at once. */
    public static final class Builder {

        private String apiKey;
        private String idempotencyKey;
        private String apiVersion;
        private Duration timeout;
        private Integer maxNetworkRetries;

        private Builder() {}

        /**
         * Sends this API key instead of the client's. There is no "unset" value: to use the client's key, do not
         * call this method. A {@code null} (say, from an unset environment variable) is refused rather than read
         * as "the client's key", so the request can never silently run with another key than the one you meant.
         *
         * @param apiKey a key starting with {@code sk_live_} or {@code sk_test_}
         * @return this builder
         * @throws IllegalArgumentException if the key is {@code null}, blank or malformed (the message never
         *     contains the key)
         */
        public Builder apiKey(String apiKey) {
            String problem = ApiKeys.problemWith(apiKey);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid kycert API key in RequestOptions: " + problem
                        + (apiKey == null ? " (to use the client's key, do not call apiKey at all)" : ""));
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sends this {@code Idempotency-Key} with {@code createRun} instead of a random UUID. Reusing a key with
         * the same body replays the first response; with a different body it fails with
         * {@link br.com.kycert.client.exception.IdempotencyException}. Keys are kept for at least 24 hours.
         *
         * @param idempotencyKey 1–255 printable ASCII characters, or {@code null} for a random UUID
         * @return this builder
         * @throws IllegalArgumentException if the key is empty, too long or not printable ASCII
         */
        public Builder idempotencyKey(String idempotencyKey) {
            if (idempotencyKey != null) {
                boolean printable = idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
                if (idempotencyKey.isEmpty() || idempotencyKey.length() > 255 || !printable) {
                    throw new IllegalArgumentException(
                            "An Idempotency-Key must be 1-255 printable ASCII characters without spaces");
                }
            }
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        /**
         * Pins this API version (a date such as {@code 2026-06-03}) instead of the client's. An unknown version
         * fails with {@link br.com.kycert.client.exception.InvalidRequestException} {@code invalid_api_version}.
         *
         * @param apiVersion the version, or {@code null} to use the client's
         * @return this builder
         * @throws IllegalArgumentException if the version is blank
         */
        public Builder apiVersion(String apiVersion) {
            if (apiVersion != null && apiVersion.isBlank()) {
                throw new IllegalArgumentException("apiVersion must not be blank");
            }
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * Waits this long for the response instead of the client's read timeout. Applies to each attempt, not
         * to all retries together.
         *
         * @param timeout a positive duration, or {@code null} to use the client's
         * @return this builder
         * @throws IllegalArgumentException if the timeout is zero or negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Retries this request at most this many times after a connection failure, a 429 or a 5xx, instead of the
         * client's {@code maxNetworkRetries}. Only requests that are safe to repeat are ever retried.
         *
         * @param maxNetworkRetries zero (no retry) or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxNetworkRetries(int maxNetworkRetries) {
            if (maxNetworkRetries < 0) {
                throw new IllegalArgumentException("maxNetworkRetries must be zero or more");
            }
            this.maxNetworkRetries = maxNetworkRetries;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }

    static RequestOptions orNone(RequestOptions options) {
        return Objects.requireNonNullElse(options, NONE);
    }
}
