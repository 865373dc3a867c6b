package br.com.kycert.sources;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Live sources, for all of them ({@code kycert.live.*}); {@link LiveSourceConfiguration} overrides any
 * of these per source. Read once when the server starts: {@code KYCERT_LIVE_ENABLED},
 * {@code KYCERT_LIVE_BASE_URL} and {@code KYCERT_LIVE_CREDENTIAL} set the usual three.
 */
@ConfigurationProperties(LiveConfiguration.PREFIX)
public class LiveConfiguration {

    public static final String PREFIX = "kycert.live";

    private boolean enabled;
    private String baseUrl;
    private String credential;
    private Duration timeout = Duration.ofSeconds(5);
    private int retries = 2;
    private Duration retryBackoff = Duration.ofMillis(100);
    private final Circuit circuit;

    LiveConfiguration(Circuit circuit) {
        this.circuit = circuit;
    }

    /** The circuit breaker of each source ({@code kycert.live.circuit.*}). */
    @ConfigurationProperties("circuit")
    public static class Circuit {
        private int failureThreshold = 5;
        private Duration openFor = Duration.ofSeconds(30);

        public int getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        public Duration getOpenFor() {
            return openFor;
        }

        public void setOpenFor(Duration openFor) {
            this.openFor = openFor;
        }
    }

    /** Whether this node processes live runs at all. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Sent as a bearer token; never logged, returned or stored. */
    @Nullable
    public String getCredential() {
        return credential;
    }

    public void setCredential(@Nullable String credential) {
        this.credential = credential;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getRetries() {
        return retries;
    }

    public void setRetries(int retries) {
        this.retries = retries;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Circuit getCircuit() {
        return circuit;
    }
}
