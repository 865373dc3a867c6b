package br.com.kycert.ratelimits;

import br.com.kycert.auth.ApiPrincipal;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets (bucket4j, in memory) per key and per tenant and environment. Each of N live nodes holds a bucket
 * that refills at {@code limit / N} per second with a capacity of {@code ceil(limit / N)}, so the nodes together
 * admit at most {@code limit × (T + 1) + (N − 1)} requests in any T seconds, with no shared state per request.
 * No database work happens here: policies and the node count are kept in memory by the heartbeat.
 */
@Singleton
@Requires(notEnv = "cli")
public class RateLimiter {

    /** What a request met: the policy, what is left of each quota, and how long to wait when refused. */
    public record Outcome(
            boolean allowed,
            RateLimitPolicy policy,
            long keyRemaining,
            long keyReset,
            long tenantRemaining,
            long tenantReset,
            long retryAfterSeconds) {

        /** {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers-11): remaining {@code r} and reset {@code t}. */
        public String header() {
            return "\"key\";r=" + keyRemaining + ";t=" + keyReset + ", \"tenant\";r=" + tenantRemaining + ";t="
                    + tenantReset;
        }

        public String policyHeader() {
            return policy.header();
        }
    }

    /** A bucket and the (limit, nodes) it was sized for. */
    private static final class Entry {
        final Bucket bucket;
        volatile long limit;
        volatile int nodes;
        volatile long lastUsedNanos;

        Entry(long limit, int nodes) {
            this.bucket = Bucket.builder().addLimit(bandwidth(limit, nodes)).build();
            this.limit = limit;
            this.nodes = nodes;
        }

        /** Resizes on a policy or node-count change, keeping the same fraction of tokens (no burst on resize). */
        void fit(long newLimit, int newNodes) {
            if (newLimit != limit || newNodes != nodes) {
                synchronized (this) {
                    if (newLimit != limit || newNodes != nodes) {
                        bucket.replaceConfiguration(
                                BucketConfiguration.builder()
                                        .addLimit(bandwidth(newLimit, newNodes))
                                        .build(),
                                TokensInheritanceStrategy.PROPORTIONALLY);
                        limit = newLimit;
                        nodes = newNodes;
                    }
                }
            }
            lastUsedNanos = System.nanoTime();
        }

        long capacity() {
            return capacity(limit, nodes);
        }

        /** Whole seconds until this node's bucket is full again, scaled like the remaining count. */
        long secondsUntilFull() {
            long missing = capacity() - Math.max(0, bucket.getAvailableTokens());
            // Refill rate is limit / nodes per second.
            return missing <= 0 ? 0 : (long) Math.ceil(missing * (double) nodes / limit);
        }

        /** The quota left across all nodes, estimated as this node's share times the node count. */
        long remainingEverywhere(long ownRemaining) {
            return Math.min(limit, Math.max(0, ownRemaining) * nodes);
        }

        static long capacity(long limit, int nodes) {
            return Math.max(1, (limit + nodes - 1) / nodes);
        }

        static Bandwidth bandwidth(long limit, int nodes) {
            return Bandwidth.builder()
                    .capacity(capacity(limit, nodes))
                    .refillGreedy(limit, Duration.ofSeconds((long) nodes * RateLimitPolicy.WINDOW_SECONDS))
                    .build();
        }
    }

    private final RateLimitService policies;
    private final NodeCount nodes;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimitService policies, NodeCount nodes) {
        this.policies = policies;
        this.nodes = nodes;
    }

    /** Takes one request from the key's and the tenant's quota; refused if either is empty. */
    public Outcome consume(ApiPrincipal caller) {
        RateLimitPolicy policy = policies.policy(caller.tenantId(), caller.environment());
        int n = nodes.liveNodes();
        Entry key = entry("k:" + caller.keyId(), policy.perKey(), n);
        Entry tenant =
                entry("t:" + caller.tenantId() + ":" + caller.environment().value(), policy.perTenant(), n);
        ConsumptionProbe byKey = key.bucket.tryConsumeAndReturnRemaining(1);
        if (!byKey.isConsumed()) {
            return new Outcome(
                    false,
                    policy,
                    0,
                    key.secondsUntilFull(),
                    tenant.remainingEverywhere(tenant.bucket.getAvailableTokens()),
                    tenant.secondsUntilFull(),
                    seconds(byKey.getNanosToWaitForRefill()));
        }
        ConsumptionProbe byTenant = tenant.bucket.tryConsumeAndReturnRemaining(1);
        if (!byTenant.isConsumed()) {
            // The key's token was not used after all.
            key.bucket.addTokens(1);
            return new Outcome(
                    false,
                    policy,
                    key.remainingEverywhere(key.bucket.getAvailableTokens()),
                    key.secondsUntilFull(),
                    0,
                    tenant.secondsUntilFull(),
                    seconds(byTenant.getNanosToWaitForRefill()));
        }
        return new Outcome(
                true,
                policy,
                key.remainingEverywhere(byKey.getRemainingTokens()),
                key.secondsUntilFull(),
                tenant.remainingEverywhere(byTenant.getRemainingTokens()),
                tenant.secondsUntilFull(),
                0);
    }

    /** The caller's quotas without taking anything (for responses refused before counting, e.g. a 403). */
    public Outcome peek(ApiPrincipal caller) {
        RateLimitPolicy policy = policies.policy(caller.tenantId(), caller.environment());
        int n = nodes.liveNodes();
        Entry key = entry("k:" + caller.keyId(), policy.perKey(), n);
        Entry tenant =
                entry("t:" + caller.tenantId() + ":" + caller.environment().value(), policy.perTenant(), n);
        return new Outcome(
                true,
                policy,
                key.remainingEverywhere(key.bucket.getAvailableTokens()),
                key.secondsUntilFull(),
                tenant.remainingEverywhere(tenant.bucket.getAvailableTokens()),
                tenant.secondsUntilFull(),
                0);
    }

    /** Drops buckets idle for a minute: a full bucket and a missing one behave the same. */
    @Scheduled(fixedDelay = "60s")
    void evictIdle() {
        long cutoff = System.nanoTime() - Duration.ofMinutes(1).toNanos();
        buckets.entrySet().removeIf(e -> e.getValue().lastUsedNanos - cutoff < 0);
    }

    private Entry entry(String id, long limit, int n) {
        Entry entry = buckets.computeIfAbsent(id, k -> new Entry(limit, n));
        entry.fit(limit, n);
        return entry;
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
