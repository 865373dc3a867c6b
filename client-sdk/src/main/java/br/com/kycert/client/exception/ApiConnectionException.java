package br.com.kycert.client.exception;

/**
 * No response was received: the connection was refused or reset, DNS failed, TLS failed, or the connect or read
 * timeout expired. {@link #getStatus()} is {@code 0} and {@link #getCause()} holds the underlying
 * {@link java.io.IOException}. The SDK already retried when that was safe (every request it sends is: GETs, and
 * {@code createRun} always carries an {@code Idempotency-Key}).
 */
public class ApiConnectionException extends KycertException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be reached, and why
     * @param cause the underlying I/O failure
     */
    public ApiConnectionException(String message, Throwable cause) {
        super(message, ProblemDetails.statusOnly(0, null, null), cause);
    }
}
