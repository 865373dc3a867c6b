package br.com.kycert.client;

import br.com.kycert.client.api.RunsApi;
import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.exception.RunWaitTimeoutException;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunAnalysis;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.RunList;
import br.com.kycert.client.model.RunStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Bureau runs: create them, read them, list them, and wait for them to finish. Obtained from
 * {@link KycertClient#runs()}; shares the client's connections and settings, and is thread-safe.
 *
 * <pre>{@code
 * Run run = client.runs().create(new CreateRunRequest()
 *         .templateId(templateId)
 *         .subject(new SubjectInput().type(SubjectType.PF).doc("900.000.001-75").name("João Silva")));
 * run = client.runs().waitForCompletion(run.getId(), Duration.ofSeconds(30));
 * System.out.println(run.getStatus() + " " + run.getDecision());     // completed approved
 * }</pre>
 *
 * <p>Every method has an overload taking {@link RequestOptions} (another key, version, timeout, retry budget or
 * idempotency key for that call only) and a {@code ...WithResponse} variant that also returns the response's
 * metadata ({@link KycertResponse}: request id, idempotent replay, rate-limit state).
 */
public final class RunService {

    /** The first wait between two polls of {@link #waitForCompletion}: {@code 250 ms}. */
    public static final Duration FIRST_POLL_INTERVAL = Duration.ofMillis(250);

    /** The longest wait between two polls of {@link #waitForCompletion}: {@code 5 s}. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(5);

    private final ApiRequestor requestor;
    private final LongSupplier nanoTime;
    private final DoubleSupplier random;

    RunService(ApiRequestor requestor, LongSupplier nanoTime, DoubleSupplier random) {
        this.requestor = requestor;
        this.nanoTime = nanoTime;
        this.random = random;
    }

    // ---------------------------------------------------------------- create

    /**
     * Creates a bureau run with a random {@code Idempotency-Key}, so retries never create a second run. The run
     * starts {@code queued}; {@link #waitForCompletion(UUID, Duration)} waits until it is {@code completed} or
     * {@code failed} (or let the {@code run.completed} webhook tell you). Requires the scope {@code runs:write}.
     *
     * @param request the template and the subject (person or company) to check
     * @return the new run
     * @throws br.com.kycert.client.exception.InvalidRequestException 400 or 422, e.g. {@code invalid_document}
     * @throws br.com.kycert.client.exception.NotFoundException 404 {@code template_not_found}
     * @throws KycertException for any other failure
     */
    public Run create(CreateRunRequest request) {
        return create(request, RequestOptions.none());
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
    public Run create(CreateRunRequest request, RequestOptions options) {
        return createWithResponse(request, options).data();
    }

    /**
     * Creates a bureau run, and returns it with the response's metadata: {@link KycertResponse#idempotentReplayed()}
     * says whether the run was created now or replayed from an earlier call with the same idempotency key.
     *
     * @param request the template and the subject (person or company) to check
     * @param options overrides for this request; {@code null} means none
     * @return the run and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<Run> createWithResponse(CreateRunRequest request, RequestOptions options) {
        Objects.requireNonNull(request, "request");
        RequestOptions opts = RequestOptions.orNone(options);
        String idempotencyKey = Optional.ofNullable(opts.getIdempotencyKey())
                .orElseGet(() -> UUID.randomUUID().toString());
        return requestor.send(
                "POST",
                opts,
                idempotencyKey,
                (api, headers) -> new RunsApi(api).createRunWithHttpInfo(request, null, null, headers));
    }

    // ---------------------------------------------------------------- get

    /**
     * Gets a run: its status and, once completed, its decision and reasons. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @return the run
     * @throws br.com.kycert.client.exception.NotFoundException 404 {@code run_not_found}, also for a run of
     *     another tenant or environment
     * @throws KycertException for any other failure
     */
    public Run get(UUID id) {
        return get(id, RequestOptions.none());
    }

    /**
     * Gets a run, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the run
     * @throws KycertException on failure
     */
    public Run get(UUID id, RequestOptions options) {
        return getWithResponse(id, options).data();
    }

    /**
     * Gets a run, with the response's metadata.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the run and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<Run> getWithResponse(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new RunsApi(api).getRunWithHttpInfo(id, null, headers));
    }

    // ---------------------------------------------------------------- list

    /**
     * Lists one page of runs, newest first. Requires the scope {@code runs:read}.
     *
     * @param params filters, page size and cursor; {@code null} means {@link ListRunsParams#none()}
     * @return the page; pass its {@code next_cursor} as {@link ListRunsParams.Builder#cursor(String)} for the next
     * @throws KycertException on failure
     */
    public RunList list(ListRunsParams params) {
        return list(params, RequestOptions.none());
    }

    /**
     * Lists one page of runs, newest first, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param params filters, page size and cursor; {@code null} means {@link ListRunsParams#none()}
     * @param options overrides for this request; {@code null} means none
     * @return the page
     * @throws KycertException on failure
     */
    public RunList list(ListRunsParams params, RequestOptions options) {
        return listWithResponse(params, options).data();
    }

    /**
     * Lists one page of runs, with the response's metadata.
     *
     * @param params filters, page size and cursor; {@code null} means {@link ListRunsParams#none()}
     * @param options overrides for this request; {@code null} means none
     * @return the page and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<RunList> listWithResponse(ListRunsParams params, RequestOptions options) {
        ListRunsParams p = params == null ? ListRunsParams.none() : params;
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new RunsApi(api)
                        .listRunsWithHttpInfo(
                                null,
                                p.getLimit(),
                                p.getCursor(),
                                p.getStatus(),
                                p.getDecision(),
                                p.getExternalId(),
                                p.getTemplateId(),
                                p.getSubjectType(),
                                p.getCreatedAfter(),
                                p.getCreatedBefore(),
                                headers));
    }

    /**
     * Every run matching the parameters, across as many pages as needed. Lazy: a page is fetched only when the
     * iteration reaches it, and iterating again starts again. Failures are thrown from {@code hasNext()} as
     * {@link KycertException}s. Requires the scope {@code runs:read}.
     *
     * <pre>{@code
     * for (Run run : client.runs().listAutoPaging(ListRunsParams.builder().status(RunStatus.COMPLETED).build())) {
     *     ...
     * }
     * }</pre>
     *
     * @param params filters and page size; iteration starts at its cursor (usually none: the first page)
     * @return the runs, newest first
     */
    public Iterable<Run> listAutoPaging(ListRunsParams params) {
        return listAutoPaging(params, RequestOptions.none());
    }

    /**
     * Every run matching the parameters, across pages, with the same per-request options on every page.
     *
     * @param params filters and page size; iteration starts at its cursor (usually none: the first page)
     * @param options overrides for every page's request; {@code null} means none
     * @return the runs, newest first, fetched lazily
     */
    public Iterable<Run> listAutoPaging(ListRunsParams params, RequestOptions options) {
        ListRunsParams p = params == null ? ListRunsParams.none() : params;
        RequestOptions opts = RequestOptions.orNone(options);
        return new AutoPagingRuns(p, page -> list(page, opts));
    }

    // ---------------------------------------------------------------- analysis and detail

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
    public RunAnalysis getAnalysis(UUID id) {
        return getAnalysis(id, RequestOptions.none());
    }

    /**
     * Gets the analysis of a completed run, with per-request options. Requires the scope {@code runs:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the analysis
     * @throws KycertException on failure
     */
    public RunAnalysis getAnalysis(UUID id, RequestOptions options) {
        return getAnalysisWithResponse(id, options).data();
    }

    /**
     * Gets the analysis of a completed run, with the response's metadata.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the analysis and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<RunAnalysis> getAnalysisWithResponse(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new RunsApi(api).getRunAnalysisWithHttpInfo(id, null, headers));
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
    public RunDetail getDetail(UUID id) {
        return getDetail(id, RequestOptions.none());
    }

    /**
     * Gets the technical detail of a run, with per-request options. Requires the scope {@code detail:read}.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the detail
     * @throws KycertException on failure
     */
    public RunDetail getDetail(UUID id, RequestOptions options) {
        return getDetailWithResponse(id, options).data();
    }

    /**
     * Gets the technical detail of a run, with the response's metadata.
     *
     * @param id the run's id
     * @param options overrides for this request; {@code null} means none
     * @return the detail and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<RunDetail> getDetailWithResponse(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new RunsApi(api).getRunDetailWithHttpInfo(id, null, headers));
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Waits until a run has finished, {@code completed} or {@code failed}, and returns it. Polls
     * {@link #get(UUID)} at once, then after growing pauses (about 250 ms, 500 ms, 1 s, 2 s, 4 s, then every 5 s,
     * each shortened by up to a quarter at random so that many waiting clients do not poll in step), never
     * sleeping past the timeout. Each poll is an ordinary read: it is retried on connection failures, 429 and 5xx
     * like any other. Requires the scope {@code runs:read}.
     *
     * <p>A {@code failed} run is returned, not thrown: check {@link Run#getStatus()}. A sandbox run finishes within
     * a second or two; a live run may stay {@code queued} for as long as live processing is off, which is why there
     * is no wait without a timeout.
     *
     * @param id the run's id
     * @param timeout how long to wait at most, e.g. {@code Duration.ofSeconds(30)}
     * @return the run, {@code completed} (with its decision) or {@code failed}
     * @throws RunWaitTimeoutException if the run is still {@code queued} or {@code running} when the timeout is
     *     up; {@link RunWaitTimeoutException#getRun()} is the last state seen
     * @throws KycertException if a poll fails, e.g. {@link br.com.kycert.client.exception.NotFoundException} for
     *     an unknown id
     */
    public Run waitForCompletion(UUID id, Duration timeout) {
        return waitForCompletion(id, timeout, RequestOptions.none());
    }

    /**
     * Waits until a run has finished, with per-request options applied to every poll (e.g. another key).
     *
     * @param id the run's id
     * @param timeout how long to wait at most
     * @param options overrides for every poll; {@code null} means none
     * @return the run, {@code completed} or {@code failed}
     * @throws RunWaitTimeoutException if the run has not finished when the timeout is up
     * @throws KycertException if a poll fails
     * @see #waitForCompletion(UUID, Duration)
     */
    public Run waitForCompletion(UUID id, Duration timeout, RequestOptions options) {
        return waitForCompletionWithResponse(id, timeout, options).data();
    }

    /**
     * Waits until a run has finished, and returns it with the metadata of the last poll's response.
     *
     * @param id the run's id
     * @param timeout how long to wait at most
     * @param options overrides for every poll; {@code null} means none
     * @return the finished run and the metadata of the poll that saw it finished
     * @throws RunWaitTimeoutException if the run has not finished when the timeout is up
     * @throws KycertException if a poll fails
     * @see #waitForCompletion(UUID, Duration)
     */
    public KycertResponse<Run> waitForCompletionWithResponse(UUID id, Duration timeout, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        RequestOptions opts = RequestOptions.orNone(options);
        long deadline = nanoTime.getAsLong() + timeout.toNanos();
        for (int polls = 0; ; polls++) {
            KycertResponse<Run> response = getWithResponse(id, opts);
            Run run = response.data();
            if (isFinished(run)) {
                return response;
            }
            long remaining = deadline - nanoTime.getAsLong();
            if (remaining <= 0) {
                throw new RunWaitTimeoutException(id, timeout, run, response.requestId());
            }
            Duration pause = pollInterval(polls);
            try {
                requestor.sleeper().sleep(pause.toNanos() < remaining ? pause : Duration.ofNanos(remaining));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new ApiConnectionException("Interrupted while waiting for run " + id + " to finish", interrupted);
            }
        }
    }

    /** {@code completed} or {@code failed}: nothing about the run changes any more. */
    static boolean isFinished(Run run) {
        return run != null && (run.getStatus() == RunStatus.COMPLETED || run.getStatus() == RunStatus.FAILED);
    }

    /** 250 ms, 500 ms, 1 s, 2 s, 4 s, 5 s, 5 s… each scaled by a random factor in (0.75, 1]. */
    Duration pollInterval(int pollsSoFar) {
        long base = FIRST_POLL_INTERVAL.toMillis() << Math.min(pollsSoFar, 20);
        long capped = Math.min(base, MAX_POLL_INTERVAL.toMillis());
        return Duration.ofMillis((long) (capped * (1.0 - 0.25 * random.getAsDouble())));
    }
}
