package br.com.kycert.contract.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the two {@link ContractEnvironment}s of the test run (closed when the run ends) around one shared
 * {@link ContractRecorder}, names the running test in the recorder, and fails a test whose exchanges do not
 * conform to the spec.
 *
 * <p>{@code main} (no worker) starts with the first contract test; {@code worker} starts at the same moment on
 * another thread, so its start overlaps the first tests, and is joined by the first test that needs it.
 */
public final class ContractExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ContractExtension.class);
    private static volatile Environments environments;

    /** Both servers and the recorder, closed by JUnit when the root context closes. */
    static final class Environments implements AutoCloseable {
        final ContractRecorder recorder;
        final ContractEnvironment main;
        final CompletableFuture<ContractEnvironment> worker;

        private Environments(
                ContractRecorder recorder, ContractEnvironment main, CompletableFuture<ContractEnvironment> worker) {
            this.recorder = recorder;
            this.main = main;
            this.worker = worker;
        }

        static Environments start() {
            // Parsing the spec and compiling its schemas takes seconds: do it while the servers start.
            CompletableFuture<ContractRecorder> recorder =
                    CompletableFuture.supplyAsync(() -> new ContractRecorder(Spec.load(Spec.location())));
            CompletableFuture<ContractEnvironment> worker = CompletableFuture.supplyAsync(
                    () -> ContractEnvironment.start(ContractEnvironment.WORKER, true, recorder));
            ContractEnvironment main;
            try {
                main = ContractEnvironment.start(ContractEnvironment.MAIN, false, recorder);
            } catch (RuntimeException e) {
                worker.thenAccept(ContractEnvironment::close);
                throw e;
            }
            return new Environments(recorder.join(), main, worker);
        }

        ContractEnvironment worker() {
            try {
                return worker.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("The worker environment did not start", e.getCause());
            }
        }

        @Override
        public void close() {
            try {
                if (!worker.isCompletedExceptionally()) {
                    worker.join().close();
                }
            } finally {
                main.close();
            }
        }
    }

    private static Environments environments() {
        if (environments == null) {
            throw new IllegalStateException(
                    "The contract environments start with the first test using ContractExtension");
        }
        return environments;
    }

    /** The server without a worker; only valid inside a test that uses this extension. */
    public static ContractEnvironment environment() {
        return environments().main;
    }

    /** The server whose run worker processes sandbox runs; only valid inside a test that uses this extension. */
    public static ContractEnvironment workerEnvironment() {
        return environments().worker();
    }

    /** The recorder both servers record into. */
    public static ContractRecorder recorder() {
        return environments().recorder;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environments = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Environments.class, k -> Environments.start(), Environments.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ContractRecorder recorder = recorder();
        recorder.currentTest(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName());
        context.getStore(NAMESPACE).put("mark", recorder.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ContractRecorder recorder = recorder();
        int mark = context.getStore(NAMESPACE).get("mark", Integer.class);
        List<Exchange> bad = recorder.since(mark).stream()
                .filter(e -> !e.violations().isEmpty())
                .toList();
        recorder.currentTest("(between tests)");
        if (!bad.isEmpty()) {
            throw new AssertionError(bad.size() + " exchange(s) of this test do not conform to "
                    + recorder.spec().file().getFileName() + ":\n"
                    + bad.stream().map(Exchange::describe).collect(Collectors.joining("\n")));
        }
    }
}
