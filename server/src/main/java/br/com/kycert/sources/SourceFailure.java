package br.com.kycert.sources;

/** A source answered, but with an error (unavailable, bad gateway...). */
public final class SourceFailure extends Exception {
    public SourceFailure(String message) {
        super(message, null, false, false);
    }
}
