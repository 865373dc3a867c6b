package br.com.kycert.client;

import br.com.kycert.client.invoker.ApiException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The generated {@code ApiClient}'s request interceptor: puts the API key, the API version pin and the User-Agent
 * on every request, and applies a per-request timeout.
 *
 * <p>The generated {@code RunsApi} copies its interceptor once, at construction, so the per-call settings (which
 * {@link RequestOptions} may override) reach it through a thread-local that is set only for the duration of one
 * synchronous call ({@link #during}). The generated client builds each request on the calling thread.
 */
final class HeaderInterceptor implements Consumer<HttpRequest.Builder> {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String API_VERSION_HEADER = "x-kycert-api-version";

    /** What one call sends. */
    record CallSettings(String apiKey, String apiVersion, Duration timeout) {
        @Override
        public String toString() {
            return "CallSettings[apiKey=" + ApiKeys.redact(apiKey) + ", apiVersion=" + apiVersion + ", timeout="
                    + timeout + "]";
        }
    }

    /** One call to the generated client. */
    @FunctionalInterface
    interface ApiCall<T> {
        T call() throws ApiException;
    }

    private final ThreadLocal<CallSettings> current = new ThreadLocal<>();
    private final String userAgent;

    HeaderInterceptor(String userAgent) {
        this.userAgent = userAgent;
    }

    <T> T during(CallSettings settings, ApiCall<T> call) throws ApiException {
        CallSettings previous = current.get();
        current.set(settings);
        try {
            return call.call();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }

    @Override
    public void accept(HttpRequest.Builder request) {
        CallSettings settings = current.get();
        if (settings == null) {
            throw new IllegalStateException("kycert request built outside a KycertClient call");
        }
        request.setHeader(API_KEY_HEADER, settings.apiKey());
        request.setHeader(API_VERSION_HEADER, settings.apiVersion());
        request.setHeader("User-Agent", userAgent);
        if (settings.timeout() != null) {
            request.timeout(settings.timeout());
        }
    }
}
