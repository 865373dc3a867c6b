package br.com.kycert.keys;

import java.util.Locale;

/**
 * Why a request's key was not accepted. Written to the request audit and the logs so operators and
 * metrics can tell the cases apart; never sent to the client, which sees only
 * {@code missing_api_key} (for {@link #MISSING}) or {@code invalid_api_key} (for all others).
 */
public enum KeyRefusal {
    /** No key in {@code X-API-Key} nor {@code Authorization: Bearer}. */
    MISSING,
    /** Two different keys in those headers. */
    CONFLICTING_KEYS,
    /** Wrong prefix, length, alphabet or checksum: refused before any lookup. */
    MALFORMED,
    /** Well formed, but no key has this digest. */
    UNKNOWN,
    REVOKED,
    INACTIVE,
    /** Active, but past its {@code expires_at}. */
    EXPIRED,
    /** The key's stored environment is not the one its prefix names. */
    WRONG_ENVIRONMENT;

    /**
     * Whether the refusal concerns a key that exists in some form (unknown, revoked...), as opposed to none
     * sent, two different ones, or one failing the format or checksum check: those name no tenant, and
     * anyone can send them at line rate.
     */
    public boolean concernsAWellFormedKey() {
        return this != MISSING && this != CONFLICTING_KEYS && this != MALFORMED;
    }

    /** The audit and log value ({@code conflicting_keys}...). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
