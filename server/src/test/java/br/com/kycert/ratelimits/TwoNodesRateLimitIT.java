package br.com.kycert.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.shared.Environment;
import br.com.kycert.support.Fixtures;
import br.com.kycert.support.Http;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database share each limit through the node heartbeat: together they admit at most
 * {@code limit × (T + 1) + (N − 1)} requests of one key in T seconds, as the rate-limits guide states, where one node
 * alone would admit twice as many.
 */
class TwoNodesRateLimitIT {

    static final int PER_KEY = 4;

    static TestDatabase db;
    static TestServer a;
    static TestServer b;
    static Fixtures fx;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        Map<String, Object> fast =
                Map.of("kycert.rate-limits.heartbeat-interval", "200ms", "kycert.rate-limits.node-ttl", "1s");
        a = TestServer.start(db, fast);
        b = TestServer.start(db, fast);
        fx = new Fixtures(a, db);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        db.close();
    }

    @Test
    void twoNodesTogetherStayWithinTheDocumentedBound() throws Exception {
        Fixtures.Tenant tenant = fx.tenant("Corretora Dois Nós");
        a.bean(RateLimitService.class).set(tenant.id(), Environment.SANDBOX, PER_KEY, 1000, "test");
        Fixtures.Key key = fx.key(tenant, "runs:read");
        awaitUntil(() -> a.bean(NodeRegistry.class).liveNodes() == 2
                && b.bean(NodeRegistry.class).liveNodes() == 2);
        // Node b learns the override from its heartbeat.
        awaitUntil(() -> b.bean(RateLimitService.class)
                        .policy(tenant.id(), Environment.SANDBOX)
                        .perKey()
                == PER_KEY);
        Thread.sleep(1_500); // both buckets full again

        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger admittedByA = new AtomicInteger();
        AtomicInteger admittedByB = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Http http = (t % 2 == 0 ? a : b).http();
            AtomicInteger mine = t % 2 == 0 ? admittedByA : admittedByB;
            workers.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    int status = http.get("/api/v1/bureau/runs?limit=1", "X-API-Key", key.secret())
                            .status();
                    if (status == 200) {
                        admitted.incrementAndGet();
                        mine.incrementAndGet();
                    } else if (status == 429) {
                        refused.incrementAndGet();
                    } else {
                        throw new AssertionError("unexpected status " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();

        double bound = PER_KEY * (seconds + 1) + 1;
        assertThat(refused.get()).as("the burst went over the limit").isPositive();
        assertThat(admitted.get())
                .as("admitted in %.2f s on two nodes (bound %.1f; %d refused)", seconds, bound, refused.get())
                .isLessThanOrEqualTo((int) Math.floor(bound));
        assertThat(admittedByA.get()).isPositive();
        assertThat(admittedByB.get()).isPositive();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
