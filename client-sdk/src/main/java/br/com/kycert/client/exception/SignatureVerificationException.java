package br.com.kycert.client.exception;

/**
 * A webhook payload whose {@code kycert-signature} does not verify: missing or malformed header,
 * no signature made with your secret, or a timestamp outside the tolerance (a possible replay).
 * Answer such a request with a 4xx and do not act on it.
 */
public class SignatureVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why verification failed (never contains the secret)
     */
    public SignatureVerificationException(String message) {
        super(message);
    }
}
