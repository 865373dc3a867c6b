package br.com.kycert.ratelimits;

import br.com.kycert.shared.Environment;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The default limits (requests per second, per key and per tenant, for each environment) and the timings of the
 * node heartbeat that sizes each node's share of them.
 */
@Singleton
final class RateLimitConfiguration {

    static final String PREFIX = "kycert.rate-limits";

    private final RateLimitPolicy live;
    private final RateLimitPolicy sandbox;
    private final Duration heartbeatInterval;
    private final Duration nodeTtl;

    RateLimitConfiguration(
            @Value("${" + PREFIX + ".live.per-key:100}") int livePerKey,
            @Value("${" + PREFIX + ".live.per-tenant:200}") int livePerTenant,
            @Value("${" + PREFIX + ".sandbox.per-key:25}") int sandboxPerKey,
            @Value("${" + PREFIX + ".sandbox.per-tenant:50}") int sandboxPerTenant,
            @Value("${" + PREFIX + ".heartbeat-interval:2s}") Duration heartbeatInterval,
            @Value("${" + PREFIX + ".node-ttl:6s}") Duration nodeTtl) {
        this.live = new RateLimitPolicy(livePerKey, livePerTenant);
        this.sandbox = new RateLimitPolicy(sandboxPerKey, sandboxPerTenant);
        this.heartbeatInterval = heartbeatInterval;
        this.nodeTtl = nodeTtl;
    }

    RateLimitPolicy defaults(Environment environment) {
        return environment == Environment.LIVE ? live : sandbox;
    }

    Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    Duration nodeTtl() {
        return nodeTtl;
    }
}
