package br.com.kycert.contract.support;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the one {@link ContractEnvironment} of the test run (closed when the run ends), names the running test
 * in the recorder, and fails a test whose exchanges do not conform to the spec.
 */
public final class ContractExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContractExtension.class);
    private static volatile ContractEnvironment environment;

    /** The environment of this test run; only valid inside a test that uses this extension. */
    public static ContractEnvironment environment() {
        if (environment == null) {
            throw new IllegalStateException("The contract environment starts with the first test using ContractExtension");
        }
        return environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        environment = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(ContractEnvironment.class, k -> ContractEnvironment.start(), ContractEnvironment.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ContractEnvironment env = environment();
        env.recorder().currentTest(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName());
        context.getStore(NAMESPACE).put("mark", env.recorder().mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ContractEnvironment env = environment();
        int mark = context.getStore(NAMESPACE).get("mark", Integer.class);
        List<Exchange> bad = env.recorder().since(mark).stream().filter(e -> !e.violations().isEmpty()).toList();
        env.recorder().currentTest("(between tests)");
        if (!bad.isEmpty()) {
            throw new AssertionError(bad.size() + " exchange(s) of this test do not conform to "
                    + env.recorder().spec().file().getFileName() + ":\n"
                    + bad.stream().map(Exchange::describe).collect(Collectors.joining("\n")));
        }
    }
}
