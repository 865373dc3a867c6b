package br.com.kycert.client;

import br.com.kycert.client.HeaderInterceptor.ApiCall;
import br.com.kycert.client.HeaderInterceptor.CallSettings;
import br.com.kycert.client.api.RunsApi;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.invoker.ApiClient;
import br.com.kycert.client.invoker.ApiException;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunAnalysis;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.RunList;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;

/**
 * The entry point of the kycert SDK: creates bureau runs and reads their status, analysis and detail.
 *
 * <pre>{@code
 * KycertClient client = KycertClient.builder()
 *         .apiKey("sk_test_...")          // or set KYCERT_API_KEY
 *         .build();
 * Run run = client.createRun(new CreateRunRequest()
 *         .templateId(templateId)
 *         .subject(new SubjectInput().type(SubjectType.PF).doc("900.000.001-75").name("João Silva")));
 * }</pre>
 *
 * <p>Every request carries the API key ({@code X-API-Key}), the pinned API version ({@code x-kycert-api-version},
 * {@link #API_VERSION} unless you choose another) and a {@code User-Agent}. {@code createRun} always sends an
 * {@code Idempotency-Key} (a random UUID unless you give one), so that it, like every read, can be retried
 * safely: connection failures, 429 and 5xx are retried with exponential backoff and jitter, up to
 * {@link Builder#maxNetworkRetries(int)} times. Failures are thrown as subclasses of {@link KycertException}.
 *
 * <p>Instances are immutable and thread-safe: create one and share it, so connections are reused.
 */
public final class KycertClient {

    /** The API version this SDK was built and tested against, pinned by default: {@value}. */
    public static final String API_VERSION = "2026-06-03";

    /** The version of this SDK, sent in the {@code User-Agent}: {@value}. */
    public static final String VERSION = "0.1.0";

    /** Where requests go by default, for both live and sandbox keys: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://admin.kycert.com.br";

    /** The environment variable read when no API key is given to the builder: {@value}. */
    public static final String API_KEY_ENV = "KYCERT_API_KEY";

    /** How long to wait for a connection by default: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** How long to wait for a response by default: 30 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** How many times a failed request is retried by default: {@value}. */
    public static final int DEFAULT_MAX_NETWORK_RETRIES = 2;

    private static final String USER_AGENT = "kycert-java/" + VERSION;

    private final String apiKey;
    private final String baseUrl;
    private final String apiVersion;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxNetworkRetries;
    private final HeaderInterceptor interceptor;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final RunsApi runs;

    private KycertClient(Builder b, String apiKey) {
        this.apiKey = apiKey;
        this.baseUrl = b.baseUrl;
        this.apiVersion = b.apiVersion;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxNetworkRetries = b.maxNetworkRetries;
        this.interceptor = new HeaderInterceptor(USER_AGENT);
        this.retryPolicy = new RetryPolicy(b.maxNetworkRetries, b.random);
        this.sleeper = b.sleeper;
        ApiClient apiClient = new ApiClient(HttpClient.newBuilder(), ApiClient.createDefaultObjectMapper(), baseUrl)
                .setConnectTimeout(connectTimeout)
                .setReadTimeout(readTimeout)
                .setRequestInterceptor(interceptor);
        this.runs = new RunsApi(apiClient);
    }

    /**
     * Starts configuring a client.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- runs

    /**
     * Creates a bureau run with a random {@code Idempotency-Key}, so retries never create a second run. The run
     * starts {@code queued}; poll {@link #getRun(UUID)} (or wait for the {@code run.completed} webhook) until it
     * is {@code completed} or {@code failed}. Requires the scope {@code runs:write}.
     *
     * @param request the template and the subject (person or company) to check
     * @return the new run
     * @throws br.com.kycert.client.exception.InvalidRequestException 400 or 422, e.g. {@code invalid_document}
     * @throws br.com.kycert.client.exception.NotFoundException 404 {@code template_not_found}
     * @throws KycertException for any other failure
     */
    public Run createRun(CreateRunRequest request) {
        return createRun(request, RequestOptions.none());
    }

    /**
     * Creates a bureau run with per-request options. Without {@link RequestOptions#getIdempotencyKey()} a random
     * UUID is sent; the same key is reused by every retry of this call. Requires the scope {@code runs:write}.
     *
     * @param request the template and the subject (person or company) to check
     * @param options overrides for this request; {@code null} means none
     * @return the new run, or the first response replayed if the key was used before with the same body
     * @throws br.com.kycert.client.exception.IdempotencyException 409 {@code idempotency_key_reused}
     * @throws KycertException for any other failure
     */
    public Run createRun(CreateRunRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        RequestOptions opts = RequestOptions.orNone(options);
        String idempotencyKey = Optional.ofNullable(opts.getIdempotencyKey())
                .orElseGet(() -> UUID.randomUUID().toString());
        return send("POST", opts, true, () -> runs.createRun(request, null, idempotencyKey));
    }

    /**
     * Lists one page of runs, newest first. Requires the scope {@code runs:read}.
     *
     * @param params filters, page size and cursor; {@code null} means {@link ListRunsParams#none()}
     * @return the page; pass its {@code next_cursor} as {@link ListRunsParams.Builder#cursor(String)} for the next
     * @throws KycertException on failure
     */
    public RunList listRuns(ListRunsParams params) {
        return listRuns(params, RequestOptions.none());
    }

    /**
     * Lists one page of runs, newest first, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param params filters, page size and cursor; {@code null} means {@link ListRunsParams#none()}
     * @param options overrides for this request; {@code null} means none
     * @return the page
     * @throws KycertException on failure
     */
    public RunList listRuns(ListRunsParams params, RequestOptions options) {
        ListRunsParams p = params == null ? ListRunsParams.none() : params;
        return send("GET", RequestOptions.orNone(options), false, () -> runs.listRuns(
                null,
                p.getLimit(),
                p.getCursor(),
                p.getStatus(),
                p.getDecision(),
                p.getExternalId(),
                p.getTemplateId(),
                p.getSubjectType(),
                p.getCreatedAfter(),
                p.getCreatedBefore()));
    }

    /**
     * Every run matching the parameters, across as many pages as needed. Lazy: a page is fetched only when the
     * iteration reaches it, and iterating again starts again. Failures are thrown from {@code hasNext()} as
     * {@link KycertException}s. Requires the scope {@code runs:read}.
     *
     * <pre>{@code
     * for (Run run : client.listRunsAutoPaging(ListRunsParams.builder().status(RunStatus.COMPLETED).build())) {
     *     ...
     * }
     * }</pre>
     *
     * @param params filters and page size; iteration starts at its cursor (usually none: the first page)
     * @return the runs, newest first
     */
    public Iterable<Run> listRunsAutoPaging(ListRunsParams params) {
        return listRunsAutoPaging(params, RequestOptions.none());
    }

    /**
     * Every run matching the parameters, across pages, with the same per-request options on every page.
     *
     * @param params filters and page size; iteration starts at its cursor (usually none: the first page)
     * @param options overrides for every page's request; {@code null} means none
     * @return the runs, newest first, fetched lazily
     */
    public Iterable<Run> listRunsAutoPaging(ListRunsParams params, RequestOptions options) {
        ListRunsParams p = params == null ? ListRunsParams.none() : params;
        RequestOptions opts = RequestOptions.orNone(options);
        return new AutoPagingRuns(p, page -> listRuns(page, opts));
    }

    /**
     * Gets a run: its status and, once completed, its decision and reasons. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @return the run
     * @throws br.com.kycert.client.exception.NotFoundException 404 {@code run_not_found}, also for a run of
     *     another tenant or environment
     * @throws KycertException for any other failure
     */
    public Run getRun(UUID id) {
        return getRun(id, RequestOptions.none());
    }

    /**
     * Gets a run, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the run
     * @throws KycertException on failure
     */
    public Run getRun(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return send("GET", RequestOptions.orNone(options), false, () -> runs.getRun(id, null));
    }

    /**
     * Gets the analysis of a completed run: decision, reasons, every rule's result and a summary per source.
     * Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @return the analysis
     * @throws br.com.kycert.client.exception.ConflictException 409 {@code run_not_completed}: try again once the
     *     run has completed
     * @throws KycertException for any other failure
     */
    public RunAnalysis getRunAnalysis(UUID id) {
        return getRunAnalysis(id, RequestOptions.none());
    }

    /**
     * Gets the analysis of a completed run, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the analysis
     * @throws KycertException on failure
     */
    public RunAnalysis getRunAnalysis(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return send("GET", RequestOptions.orNone(options), false, () -> runs.getRunAnalysis(id, null));
    }

    /**
     * Gets the technical record of every source check of a run, including raw payloads that may contain personal
     * data. Requires the scope {@code detail:read}, which works only while your tenant has support approval.
     *
     * @param id the run's id
     * @return the detail
     * @throws br.com.kycert.client.exception.PermissionException 403 {@code insufficient_scope}
     * @throws KycertException for any other failure
     */
    public RunDetail getRunDetail(UUID id) {
        return getRunDetail(id, RequestOptions.none());
    }

    /**
     * Gets the technical detail of a run, with per-request options. Requires the scope {@code detail:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the detail
     * @throws KycertException on failure
     */
    public RunDetail getRunDetail(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return send("GET", RequestOptions.orNone(options), false, () -> runs.getRunDetail(id, null));
    }

    // ---------------------------------------------------------------- configuration

    /**
     * Where requests go.
     *
     * @return the base URL, without a trailing slash
     */
    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * The API version sent with every request unless a request overrides it.
     *
     * @return the pinned version
     */
    public String getApiVersion() {
        return apiVersion;
    }

    /**
     * How long to wait for a connection.
     *
     * @return the connect timeout
     */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * How long to wait for a response, per attempt, unless a request overrides it.
     *
     * @return the read timeout
     */
    public Duration getReadTimeout() {
        return readTimeout;
    }

    /**
     * How many times a failed request is retried when that is safe.
     *
     * @return the retry budget per call
     */
    public int getMaxNetworkRetries() {
        return maxNetworkRetries;
    }

    /**
     * Describes the client without revealing the API key (only its environment prefix).
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "KycertClient[baseUrl=" + baseUrl + ", apiKey=" + ApiKeys.redact(apiKey) + ", apiVersion="
                + apiVersion + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }

    // ---------------------------------------------------------------- sending

    /** One call: every attempt, and the waits between them. */
    private <T> T send(String method, RequestOptions options, boolean hasIdempotencyKey, ApiCall<T> call) {
        CallSettings settings = new CallSettings(
                options.getApiKey() != null ? options.getApiKey() : apiKey,
                options.getApiVersion() != null ? options.getApiVersion() : apiVersion,
                options.getTimeout());
        for (int retries = 0; ; retries++) {
            ApiException failure;
            try {
                return interceptor.during(settings, call);
            } catch (ApiException e) {
                failure = e;
            }
            Optional<Duration> delay = retryPolicy.delayBeforeRetry(method, hasIdempotencyKey, retries, failure);
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

    // ---------------------------------------------------------------- builder

    /**
     * Configures a {@link KycertClient}. Not thread-safe. Setters validate their values at once; {@link #build()}
     * fails if no API key was given and {@value KycertClient#API_KEY_ENV} is not set either.
     */
    public static final class Builder {

        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String apiVersion = API_VERSION;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxNetworkRetries = DEFAULT_MAX_NETWORK_RETRIES;
        private UnaryOperator<String> environment = System::getenv;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /**
         * Sets the API key. {@code sk_test_…} keys use the sandbox (fixtures, no charges), {@code sk_live_…} keys
         * production. Without this, {@value KycertClient#API_KEY_ENV} is read.
         *
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException if the key is empty, lacks the {@code sk_live_}/{@code sk_test_} prefix
         *     or contains whitespace (the message never contains the key)
         */
        public Builder apiKey(String apiKey) {
            String problem = ApiKeys.problemWith(apiKey);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid kycert API key: " + problem);
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sends requests somewhere else, e.g. {@code http://localhost:8080} for a locally running server.
         *
         * @param baseUrl an absolute {@code http} or {@code https} URL; a trailing slash is ignored
         * @return this builder
         * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String trimmed = baseUrl.strip().replaceAll("/+$", "");
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + baseUrl, e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = trimmed;
            return this;
        }

        /**
         * Pins another API version than {@link KycertClient#API_VERSION}. Only do this to move to a version this
         * SDK release knows; an unknown version fails every request with {@code invalid_api_version}.
         *
         * @param apiVersion a version date such as {@code 2026-06-03}
         * @return this builder
         * @throws IllegalArgumentException if the version is blank
         */
        public Builder apiVersion(String apiVersion) {
            if (apiVersion == null || apiVersion.isBlank()) {
                throw new IllegalArgumentException("apiVersion must not be blank");
            }
            this.apiVersion = apiVersion;
            return this;
        }

        /**
         * Sets how long to wait for a connection (default 10 s).
         *
         * @param connectTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the timeout is zero or negative
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long to wait for each response once the request is sent (default 30 s). Applies per attempt;
         * {@link RequestOptions.Builder#timeout(Duration)} overrides it for one request.
         *
         * @param readTimeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if the timeout is zero or negative
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = positive(readTimeout, "readTimeout");
            return this;
        }

        /**
         * Sets how many times a request is retried after a connection failure, a 429 or a 5xx (default 2; 0
         * turns retries off).
         *
         * @param maxNetworkRetries zero or more
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

        /** For tests: where environment variables come from. */
        Builder environment(UnaryOperator<String> environment) {
            this.environment = Objects.requireNonNull(environment);
            return this;
        }

        /** For tests: how to wait between retries. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** For tests: the source of jitter, uniform in [0, 1). */
        Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws IllegalStateException if no API key was given and {@value KycertClient#API_KEY_ENV} is unset,
         *     blank or malformed (the message never contains the key)
         */
        public KycertClient build() {
            String key = apiKey;
            if (key == null) {
                key = environment.apply(API_KEY_ENV);
                if (key == null || key.isBlank()) {
                    throw new IllegalStateException("No kycert API key: call KycertClient.builder().apiKey(...) or "
                            + "set the environment variable " + API_KEY_ENV
                            + " (sk_test_… for the sandbox, sk_live_… for production)");
                }
                key = key.strip();
                String problem = ApiKeys.problemWith(key);
                if (problem != null) {
                    throw new IllegalStateException(
                            "The environment variable " + API_KEY_ENV + " is not a kycert API key: " + problem);
                }
            }
            return new KycertClient(this, key);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
