package br.com.kycert.ratelimits;

import br.com.kycert.shared.Environment;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;

/**
 * The default limits (requests per second, per key and per tenant, for each environment) and the timings of the
 * node heartbeat that sizes each node's share of them. Created when the server starts, so a limit out of range stops
 * it with the property's name instead of failing every request.
 */
@Context
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
        this.live = policy("live", livePerKey, livePerTenant);
        this.sandbox = policy("sandbox", sandboxPerKey, sandboxPerTenant);
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || nodeTtl.compareTo(heartbeatInterval) <= 0) {
            throw new ConfigurationException(PREFIX + ".node-ttl (" + nodeTtl + ") must be longer than " + PREFIX
                    + ".heartbeat-interval (" + heartbeatInterval + "), which must be positive");
        }
        this.heartbeatInterval = heartbeatInterval;
        this.nodeTtl = nodeTtl;
    }

    private static RateLimitPolicy policy(String environment, int perKey, int perTenant) {
        return new RateLimitPolicy(
                limit(environment + ".per-key", perKey), limit(environment + ".per-tenant", perTenant));
    }

    private static int limit(String property, int value) {
        if (value < 1 || value > RateLimitPolicy.MAX) {
            throw new ConfigurationException(PREFIX + "." + property + " must be 1 to " + RateLimitPolicy.MAX
                    + " requests per second, not " + value);
        }
        return value;
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
