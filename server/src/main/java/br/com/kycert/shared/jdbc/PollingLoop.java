package br.com.kycert.shared.jdbc;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background threads that repeat one step: again at once while it finds work, after {@code idle}
 * when it finds none, after a longer pause when it fails. Used by the run workers and the webhook
 * dispatcher, which both poll PostgreSQL queues.
 */
public final class PollingLoop implements AutoCloseable {

    /** One unit of work; true when it found something to do. */
    @FunctionalInterface
    public interface Step {
        boolean run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PollingLoop.class);

    private final String name;
    private final Duration idle;
    private final Step step;
    private final ExecutorService threads;
    private volatile boolean running = true;

    private PollingLoop(String name, int count, Duration idle, Step step) {
        this.name = name;
        this.idle = idle;
        this.step = step;
        this.threads = Executors.newFixedThreadPool(count, daemonThreads(name));
        for (int i = 0; i < count; i++) {
            threads.submit(this::loop);
        }
    }

    public static PollingLoop start(String name, int threads, Duration idle, Step step) {
        return new PollingLoop(name, threads, idle, step);
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ... */
    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                if (!step.run()) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (running) {
                    LOG.error("{} step failed; retrying", name, e);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(idle.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
