package br.com.kycert.client.exception;

import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunStatus;
import java.time.Duration;
import java.util.UUID;

/**
 * {@code waitForCompletion} gave up: the run was still {@code queued} or {@code running} when its timeout was up.
 * Nothing failed and the run goes on; check it again later, or let the {@code run.completed} webhook tell you.
 * {@link #getStatus()} is {@code 0} (no error response), {@link #getRequestId()} is that of the last poll.
 */
public class RunWaitTimeoutException extends KycertException {

    private static final long serialVersionUID = 1L;

    /** The run waited for. */
    private final UUID runId;
    /** How long the caller waited. */
    private final Duration timeout;
    /** The generated model is not serialisable; a deserialised exception has only the id and the timeout. */
    private final transient Run run;

    /**
     * Creates the exception.
     *
     * @param runId the run waited for
     * @param timeout how long the caller was willing to wait
     * @param run the run as last seen, or {@code null}
     * @param requestId the request id of the last poll, or {@code null}
     */
    public RunWaitTimeoutException(UUID runId, Duration timeout, Run run, String requestId) {
        super(
                "Run " + runId + " is still " + status(run) + " after waiting " + timeout
                        + "; it has not failed: check it again later or listen for the run.completed webhook",
                ProblemDetails.statusOnly(0, requestId, null),
                null);
        this.runId = runId;
        this.timeout = timeout;
        this.run = run;
    }

    /**
     * The run that did not finish in time.
     *
     * @return its id
     */
    public UUID getRunId() {
        return runId;
    }

    /**
     * How long the caller waited.
     *
     * @return the timeout given to {@code waitForCompletion}
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * The run as the last poll saw it ({@code queued} or {@code running}).
     *
     * @return the run, or {@code null} after deserialisation
     */
    public Run getRun() {
        return run;
    }

    private static String status(Run run) {
        RunStatus status = run == null ? null : run.getStatus();
        return status == null ? "unfinished" : status.getValue();
    }
}
