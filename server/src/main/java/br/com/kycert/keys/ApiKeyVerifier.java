package br.com.kycert.keys;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a parsed key may be used now: known (by digest, through {@link ApiKeyLookup}), of
 * the environment its prefix names, active and unexpired. Answers the key or the reason it is
 * refused, never just "no".
 */
@Singleton
public class ApiKeyVerifier {

    /** The outcome of verifying a key. */
    public sealed interface Verification permits Verified, Refused {}

    /** The key may be used. */
    public record Verified(ApiKey key) implements Verification {
        public Verified {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The key may not be used, and why.
     *
     * @param key the stored key when the refusal concerns a known key (revoked, inactive, expired,
     *     wrong environment), for the audit; null otherwise
     */
    public record Refused(KeyRefusal reason, ApiKey key) implements Verification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        public Optional<ApiKey> knownKey() {
            return Optional.ofNullable(key);
        }
    }

    private final ApiKeyLookup lookup;
    private final KeyDigester digester;
    private final Clock clock;

    ApiKeyVerifier(ApiKeyLookup lookup, KeyDigester digester, Clock clock) {
        this.lookup = lookup;
        this.digester = digester;
        this.clock = clock;
    }

    /** Verifies a key; the lookup may block on I/O, so never call this on an event loop. */
    public Verification verify(ParsedApiKey presented) {
        return judge(presented, lookup.findByDigest(digester.digest(presented.secret())));
    }

    /**
     * Verifies a key from memory only, with no I/O: safe on an event loop. Empty when the lookup does
     * not remember this key (or whether it exists), and only {@link #verify} can tell.
     */
    public Optional<Verification> verifyInMemory(ParsedApiKey presented) {
        return lookup.findInMemory(digester.digest(presented.secret()))
                .map(remembered -> judge(presented, remembered.found()));
    }

    private Verification judge(ParsedApiKey presented, Optional<ApiKey> found) {
        if (found.isEmpty()) {
            return new Refused(KeyRefusal.UNKNOWN, null);
        }
        ApiKey key = found.get();
        if (key.environment() != presented.environment()) {
            return new Refused(KeyRefusal.WRONG_ENVIRONMENT, key);
        }
        return refusal(key, clock.instant())
                .<Verification>map(reason -> new Refused(reason, key))
                .orElseGet(() -> new Verified(key));
    }

    /** Why a stored key may not be used at {@code now}, if it may not. */
    static Optional<KeyRefusal> refusal(ApiKey key, Instant now) {
        return switch (key.status()) {
            case REVOKED -> Optional.of(KeyRefusal.REVOKED);
            case INACTIVE -> Optional.of(KeyRefusal.INACTIVE);
            case ACTIVE ->
                key.lifecycle().expiresAt() != null
                                && !now.isBefore(key.lifecycle().expiresAt())
                        ? Optional.of(KeyRefusal.EXPIRED)
                        : Optional.empty();
        };
    }
}
