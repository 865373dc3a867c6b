package br.com.kycert.sources;

import io.micronaut.context.annotation.ConfigurationBuilder;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * One live source's own settings ({@code kycert.live.sources.<source>.*}, e.g.
 * {@code kycert.live.sources.pep.base-url}); what it leaves unset comes from {@link LiveConfiguration}.
 */
@EachProperty(LiveSourceConfiguration.PREFIX)
public class LiveSourceConfiguration {

    public static final String PREFIX = LiveConfiguration.PREFIX + ".sources";

    private final String source;
    private String baseUrl;
    private String credential;
    private Duration timeout;
    private Integer retries;
    private Duration retryBackoff;
    // A builder rather than a nested @ConfigurationProperties bean: the nested bean would exist only for
    // sources that set a circuit property, and be missing (failing the injection) for the others.
    @ConfigurationBuilder(prefixes = "set", configurationPrefix = "circuit")
    final Circuit circuit = new Circuit();

    LiveSourceConfiguration(@Parameter String source) {
        this.source = source;
    }

    /** The source's own circuit breaker settings ({@code kycert.live.sources.<source>.circuit.*}). */
    public static class Circuit {
        private Integer failureThreshold;
        private Duration openFor;

        @Nullable
        public Integer getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(@Nullable Integer failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        @Nullable
        public Duration getOpenFor() {
            return openFor;
        }

        public void setOpenFor(@Nullable Duration openFor) {
            this.openFor = openFor;
        }
    }

    /** The catalogue id the settings are for. */
    public String getSource() {
        return source;
    }

    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Nullable
    public String getCredential() {
        return credential;
    }

    public void setCredential(@Nullable String credential) {
        this.credential = credential;
    }

    @Nullable
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(@Nullable Duration timeout) {
        this.timeout = timeout;
    }

    @Nullable
    public Integer getRetries() {
        return retries;
    }

    public void setRetries(@Nullable Integer retries) {
        this.retries = retries;
    }

    @Nullable
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(@Nullable Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Circuit getCircuit() {
        return circuit;
    }
}
