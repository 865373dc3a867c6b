package br.com.kycert.sources;

/** A source did not answer within the check's time budget. */
public final class SourceTimeout extends Exception {
    public SourceTimeout(String message) {
        super(message, null, false, false);
    }
}
