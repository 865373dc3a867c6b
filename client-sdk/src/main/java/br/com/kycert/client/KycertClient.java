package br.com.kycert.client;

import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunAnalysis;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.RunList;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The entry point of the kycert SDK. Resources hang off it as services: {@link #runs()} creates bureau runs, reads
 * their status, analysis and detail, lists them and waits for them to finish; {@link #templates()} reads the
 * templates a run needs.
 *
 * <pre>{@code
 * try (KycertClient client = KycertClient.builder().build()) {     // KYCERT_API_KEY, KYCERT_BASE_URL
 *     Run run = client.runs().create(new CreateRunRequest()
 *             .templateId(templateId)
 *             .subject(new SubjectInput().type(SubjectType.PF).doc("900.000.001-75").name("João Silva")));
 *     run = client.runs().waitForCompletion(run.getId(), Duration.ofSeconds(30));
 *     System.out.println(run.getDecision());
 * }
 * }</pre>
 *
 * <p>Every request carries the API key ({@code X-API-Key}), the pinned API version ({@code x-kycert-api-version},
 * {@link #API_VERSION} unless you choose another) and a {@code User-Agent}. Creating a run always sends an
 * {@code Idempotency-Key} (a random UUID unless you give one), so that it, like every read, can be retried
 * safely: connection failures, 429 and 5xx are retried with exponential backoff and jitter, up to
 * {@link Builder#maxNetworkRetries(int)} times. Failures are thrown as subclasses of {@link KycertException}.
 *
 * <p>Instances are immutable and thread-safe: create one, share it so connections are reused, and close it when
 * your application stops.
 */
public final class KycertClient implements AutoCloseable {

    /**
     * The API version this SDK was generated from (the spec's {@code info.version}; a test keeps them equal), pinned
     * by default: {@value}. {@link Builder#apiVersion(String)} or {@link RequestOptions.Builder#apiVersion(String)} pin
     * another; the generated models describe this version's shapes.
     */
    public static final String API_VERSION = "2026-12-01";

    /** The version of this SDK (semantic versioning), sent in the {@code User-Agent}: {@value}. */
    public static final String VERSION = "0.2.0";

    /** Where requests go by default, for both live and sandbox keys: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://admin.kycert.com.br";

    /** The environment variable read when no API key is given to the builder: {@value}. */
    public static final String API_KEY_ENV = "KYCERT_API_KEY";

    /** The environment variable read when no base URL is given to the builder: {@value}. */
    public static final String BASE_URL_ENV = "KYCERT_BASE_URL";

    /** How long to wait for a connection by default: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** How long to wait for a response by default: 30 seconds. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** How many times a failed request is retried by default: {@value}. */
    public static final int DEFAULT_MAX_NETWORK_RETRIES = 2;

    private final String apiKey;
    private final String baseUrl;
    private final String apiVersion;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxNetworkRetries;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RunService runs;
    private final HealthService health;
    private final TemplateService templates;
    private final KeyService keys;

    private KycertClient(Builder b, String apiKey, String baseUrl) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl;
        this.apiVersion = b.apiVersion;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.maxNetworkRetries = b.maxNetworkRetries;
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
        ApiRequestor requestor = new ApiRequestor(
                http,
                baseUrl,
                apiKey,
                apiVersion,
                readTimeout,
                new RetryPolicy(b.maxNetworkRetries, b.random),
                b.sleeper,
                closed);
        this.runs = new RunService(requestor, b.nanoTime, b.random);
        this.health = new HealthService(requestor);
        this.templates = new TemplateService(requestor);
        this.keys = new KeyService(requestor);
    }

    /**
     * Starts configuring a client.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Bureau runs: create, get, list, analysis, detail, and waiting for a run to finish.
     *
     * @return the runs service, shared by every caller of this client
     */
    public RunService runs() {
        return runs;
    }

    /**
     * The server's health probes (readiness and liveness), which need no scope.
     *
     * @return the health service, shared by every caller of this client
     */
    public HealthService health() {
        return health;
    }

    /**
     * Templates: list them and read one, to find the {@code template_id} a run needs.
     *
     * @return the templates service, shared by every caller of this client
     */
    public TemplateService templates() {
        return templates;
    }

    /**
     * The calling key: {@code keys().me()} describes it (environment, scopes in force, rate-limit policy).
     *
     * @return the keys service, shared by every caller of this client
     */
    public KeyService keys() {
        return keys;
    }

    /**
     * Releases the client's connections and threads. Calls made afterwards throw {@link IllegalStateException}.
     * Closing twice does nothing. Calls in flight may fail with an {@link
     * br.com.kycert.client.exception.ApiConnectionException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // HttpClient is AutoCloseable from Java 21 on; on 17 its threads end once the pool is shut down.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort: nothing useful to report to the caller
            }
        }
        executor.shutdownNow();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    // ---------------------------------------------------------------- 0.1 methods, kept for one minor version

    /**
     * Creates a bureau run.
     *
     * @param request the template and the subject to check
     * @return the new run
     * @deprecated since 0.2.0, use {@code runs().create(request)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Run createRun(CreateRunRequest request) {
        return runs.create(request);
    }

    /**
     * Creates a bureau run with per-request options.
     *
     * @param request the template and the subject to check
     * @param options overrides for this request; {@code null} means none
     * @return the new run
     * @deprecated since 0.2.0, use {@code runs().create(request, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Run createRun(CreateRunRequest request, RequestOptions options) {
        return runs.create(request, options);
    }

    /**
     * Lists one page of runs.
     *
     * @param params filters, page size and cursor
     * @return the page
     * @deprecated since 0.2.0, use {@code runs().list(params)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunList listRuns(ListRunsParams params) {
        return runs.list(params);
    }

    /**
     * Lists one page of runs with per-request options.
     *
     * @param params filters, page size and cursor
     * @param options overrides for this request; {@code null} means none
     * @return the page
     * @deprecated since 0.2.0, use {@code runs().list(params, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunList listRuns(ListRunsParams params, RequestOptions options) {
        return runs.list(params, options);
    }

    /**
     * Every run matching the parameters, across pages.
     *
     * @param params filters and page size
     * @return the runs, fetched lazily
     * @deprecated since 0.2.0, use {@code runs().listAutoPaging(params)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Iterable<Run> listRunsAutoPaging(ListRunsParams params) {
        return runs.listAutoPaging(params);
    }

    /**
     * Every run matching the parameters, across pages, with per-request options.
     *
     * @param params filters and page size
     * @param options overrides for every page's request; {@code null} means none
     * @return the runs, fetched lazily
     * @deprecated since 0.2.0, use {@code runs().listAutoPaging(params, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Iterable<Run> listRunsAutoPaging(ListRunsParams params, RequestOptions options) {
        return runs.listAutoPaging(params, options);
    }

    /**
     * Gets a run.
     *
     * @param id the run's id
     * @return the run
     * @deprecated since 0.2.0, use {@code runs().get(id)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Run getRun(UUID id) {
        return runs.get(id);
    }

    /**
     * Gets a run with per-request options.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the run
     * @deprecated since 0.2.0, use {@code runs().get(id, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public Run getRun(UUID id, RequestOptions options) {
        return runs.get(id, options);
    }

    /**
     * Gets the analysis of a completed run.
     *
     * @param id the run's id
     * @return the analysis
     * @deprecated since 0.2.0, use {@code runs().getAnalysis(id)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunAnalysis getRunAnalysis(UUID id) {
        return runs.getAnalysis(id);
    }

    /**
     * Gets the analysis of a completed run with per-request options.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the analysis
     * @deprecated since 0.2.0, use {@code runs().getAnalysis(id, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunAnalysis getRunAnalysis(UUID id, RequestOptions options) {
        return runs.getAnalysis(id, options);
    }

    /**
     * Gets the technical detail of a run.
     *
     * @param id the run's id
     * @return the detail
     * @deprecated since 0.2.0, use {@code runs().getDetail(id)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunDetail getRunDetail(UUID id) {
        return runs.getDetail(id);
    }

    /**
     * Gets the technical detail of a run with per-request options.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the detail
     * @deprecated since 0.2.0, use {@code runs().getDetail(id, options)}
     */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public RunDetail getRunDetail(UUID id, RequestOptions options) {
        return runs.getDetail(id, options);
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
     * How many times a failed request is retried when that is safe, unless a request overrides it.
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
                + ", maxNetworkRetries=" + maxNetworkRetries + (closed.get() ? ", closed" : "") + "]";
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "kycert-http-" + count.incrementAndGet());
            thread.setDaemon(true); // an unclosed client never keeps the JVM alive
            return thread;
        };
    }

    // ---------------------------------------------------------------- builder

    /**
     * Configures a {@link KycertClient}. Not thread-safe. Setters validate their values at once; {@link #build()}
     * reads {@value KycertClient#API_KEY_ENV} and {@value KycertClient#BASE_URL_ENV} for what was not set, and
     * fails if there is no key at all.
     */
    public static final class Builder {

        private String apiKey;
        private String baseUrl;
        private String apiVersion = API_VERSION;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxNetworkRetries = DEFAULT_MAX_NETWORK_RETRIES;
        private UnaryOperator<String> environment = System::getenv;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {}

        /**
         * Sets the API key. {@code sk_test_…} keys use the sandbox (fixtures, no charges), {@code sk_live_…} keys
         * production. Without this call, {@link #build()} reads {@value KycertClient#API_KEY_ENV}. Passing
         * {@code null} is an error, not a way to ask for the environment variable: a key you meant to give (e.g.
         * from a secret store that returned nothing) never silently becomes another one.
         *
         * @param apiKey the key
         * @return this builder
         * @throws IllegalArgumentException if the key is {@code null}, empty, lacks the {@code sk_live_}/{@code
         *     sk_test_} prefix or contains whitespace (the message never contains the key)
         */
        public Builder apiKey(String apiKey) {
            String problem = ApiKeys.problemWith(apiKey);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid kycert API key: " + problem
                        + (apiKey == null ? " (to read " + API_KEY_ENV + ", do not call apiKey at all)" : ""));
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sends requests somewhere else, e.g. {@code http://localhost:8080} for a locally running server. Without
         * this call, {@link #build()} reads {@value KycertClient#BASE_URL_ENV}, and without that uses {@value
         * KycertClient#DEFAULT_BASE_URL}.
         *
         * @param baseUrl an absolute {@code http} or {@code https} URL; a trailing slash is ignored
         * @return this builder
         * @throws IllegalArgumentException if the URL is {@code null} or not an absolute http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            String problem = problemWithUrl(baseUrl);
            if (problem != null) {
                throw new IllegalArgumentException(problem + ": " + baseUrl);
            }
            this.baseUrl = trimUrl(baseUrl);
            return this;
        }

        /**
         * Pins another API version than {@link KycertClient#API_VERSION}. Only do this to move to a version this
         * SDK release knows; an unknown version fails every request with {@code invalid_api_version}.
         *
         * @param apiVersion a version date such as {@code 2026-06-03}
         * @return this builder
         * @throws IllegalArgumentException if the version is {@code null} or blank
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
         * turns retries off). {@link RequestOptions.Builder#maxNetworkRetries(int)} overrides it for one request.
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

        /** For tests: how to wait between retries and polls. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** For tests: the source of jitter, uniform in [0, 1). */
        Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** For tests: the monotonic clock that {@code waitForCompletion} measures its timeout with. */
        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime);
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client; close it when you no longer need it
         * @throws IllegalStateException if no API key was given and {@value KycertClient#API_KEY_ENV} is unset,
         *     blank or malformed, or if no base URL was given and {@value KycertClient#BASE_URL_ENV} is set but not
         *     an absolute http(s) URL (the message never contains the key)
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
            String url = baseUrl;
            if (url == null) {
                String fromEnvironment = environment.apply(BASE_URL_ENV);
                if (fromEnvironment == null || fromEnvironment.isBlank()) {
                    url = DEFAULT_BASE_URL;
                } else {
                    String problem = problemWithUrl(fromEnvironment);
                    if (problem != null) {
                        throw new IllegalStateException("The environment variable " + BASE_URL_ENV + " is not usable: "
                                + problem + ": " + fromEnvironment);
                    }
                    url = trimUrl(fromEnvironment);
                }
            }
            return new KycertClient(this, key, url);
        }

        private static String trimUrl(String url) {
            return url.strip().replaceAll("/+$", "");
        }

        private static String problemWithUrl(String url) {
            if (url == null) {
                return "baseUrl must not be null";
            }
            URI uri;
            try {
                uri = URI.create(trimUrl(url));
            } catch (IllegalArgumentException e) {
                return "baseUrl is not a valid URL";
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                return "baseUrl must be an absolute http(s) URL";
            }
            return null;
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
