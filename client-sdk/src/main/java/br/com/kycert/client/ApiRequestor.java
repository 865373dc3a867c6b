package br.com.kycert.client;

import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.invoker.ApiClient;
import br.com.kycert.client.invoker.ApiException;
import br.com.kycert.client.invoker.ApiResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one SDK call: builds its headers, runs every attempt and the waits between them, and turns the outcome into a
 * {@link KycertResponse} or a typed {@link KycertException}.
 *
 * <p>Per-call settings (key, version pin, timeout, retry budget) travel with the call itself: the headers through the
 * generated API's per-call {@code headers} parameter, the timeout through a short-lived {@link ApiClient} view that
 * shares the one {@link HttpClient}. Nothing is kept in thread-locals, so a call made from any thread, or from inside
 * another call's callback, sends exactly its own settings.
 */
final class ApiRequestor {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String API_VERSION_HEADER = "x-kycert-api-version";
    static final String USER_AGENT = "kycert-java/" + KycertClient.VERSION;

    /** One generated-API call, given the API client view and the headers to send. */
    @FunctionalInterface
    interface Call<T> {
        ApiResponse<T> call(ApiClient api, Map<String, String> headers) throws ApiException;
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final String baseUrl;
    private final String apiKey;
    private final String apiVersion;
    private final Duration readTimeout;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final AtomicBoolean closed;

    ApiRequestor(
            HttpClient http,
            String baseUrl,
            String apiKey,
            String apiVersion,
            Duration readTimeout,
            RetryPolicy retryPolicy,
            Sleeper sleeper,
            AtomicBoolean closed) {
        this.http = http;
        this.mapper = ApiClient.createDefaultObjectMapper();
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.readTimeout = readTimeout;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.closed = closed;
    }

    String baseUrl() {
        return baseUrl;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    /**
     * @param method the HTTP method, for the retry decision
     * @param options the caller's overrides
     * @param idempotencyKey the {@code Idempotency-Key} this call sends on every attempt, or {@code null}
     * @param call the generated-API call
     */
    <T> KycertResponse<T> send(String method, RequestOptions options, String idempotencyKey, Call<T> call) {
        if (closed.get()) {
            throw new IllegalStateException("This KycertClient is closed; build a new one");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(API_KEY_HEADER, options.getApiKey() != null ? options.getApiKey() : apiKey);
        headers.put(API_VERSION_HEADER, options.getApiVersion() != null ? options.getApiVersion() : apiVersion);
        headers.put("User-Agent", USER_AGENT);
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        Map<String, String> frozen = Map.copyOf(headers);
        ApiClient api = new CallApiClient(
                http, mapper, baseUrl, options.getTimeout() != null ? options.getTimeout() : readTimeout);
        RetryPolicy policy = options.getMaxNetworkRetries() != null
                ? retryPolicy.withMaxRetries(options.getMaxNetworkRetries())
                : retryPolicy;
        for (int retries = 0; ; retries++) {
            ApiException failure;
            try {
                ApiResponse<T> response = call.call(api, frozen);
                return new KycertResponse<>(response.getStatusCode(), response.getHeaders(), response.getData());
            } catch (ApiException e) {
                failure = e;
            }
            Optional<Duration> delay = policy.delayBeforeRetry(method, idempotencyKey != null, retries, failure);
            if (delay.isEmpty()) {
                throw ErrorMapper.map(failure, baseUrl);
            }
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                KycertException error = ErrorMapper.map(failure, baseUrl);
                error.addSuppressed(interrupted);
                throw error;
            }
        }
    }

    /**
     * The generated API classes read their HTTP client, base URL and read timeout from an {@link ApiClient} once, at
     * construction. This view hands them the shared {@link HttpClient} (the generated {@code getHttpClient()} would
     * build a new one, with a new connection pool, every time) and this call's timeout.
     */
    private static final class CallApiClient extends ApiClient {

        private final HttpClient http;

        CallApiClient(HttpClient http, ObjectMapper mapper, String baseUrl, Duration readTimeout) {
            super(null, mapper, baseUrl);
            this.http = http;
            setReadTimeout(readTimeout);
        }

        @Override
        public HttpClient getHttpClient() {
            return http;
        }
    }
}
