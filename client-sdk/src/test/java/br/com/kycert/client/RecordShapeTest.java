package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.client.exception.ProblemDetails;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No hand-written record of the SDK has more than eight positional components, over the compiled classes. The
 * generated models ({@code client.model}, {@code client.api}, {@code client.invoker}) are the spec's shapes and are
 * not checked.
 */
class RecordShapeTest {

    static final int MAX_COMPONENTS = 8;

    /**
     * Records already published longer than the limit. Their canonical constructors and accessors are public API
     * (users build {@link ProblemDetails} in their own tests and read its components), so regrouping them would break
     * source compatibility; they stay as they are, and nothing new joins them.
     */
    static final Map<Class<?>, Integer> PUBLISHED = Map.of(ProblemDetails.class, 9);

    static final List<String> GENERATED = List.of("model", "api", "invoker");

    @Test
    void noHandWrittenRecordHasMoreThanEightComponents() throws Exception {
        List<String> tooLong = records().stream()
                .filter(c -> c.getRecordComponents().length > MAX_COMPONENTS)
                .filter(c -> !PUBLISHED.getOrDefault(c, -1).equals(c.getRecordComponents().length))
                .map(c -> c.getName() + " (" + c.getRecordComponents().length + ")")
                .sorted()
                .toList();

        assertThat(tooLong)
                .as("records with more than %d components (group them into named value types)", MAX_COMPONENTS)
                .isEmpty();
    }

    @Test
    void theScanSeesTheHandWrittenRecords() throws Exception {
        assertThat(records()).contains(ProblemDetails.class, Webhooks.RunData.class);
    }

    /** Every record compiled from {@code src/main/java} outside the generated packages. */
    static List<Class<?>> records() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(KycertClient.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path root = classes.resolve("br/com/kycert/client");
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(root::relativize)
                    .map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class"))
                    .filter(f -> GENERATED.stream().noneMatch(g -> f.startsWith(g + "/")))
                    .map(f -> "br.com.kycert.client."
                            + f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<Class<?>> records = new ArrayList<>();
        for (String name : names) {
            // Binary names: nested classes are already written Outer$Inner.
            Class<?> c = Class.forName(name, false, RecordShapeTest.class.getClassLoader());
            if (c.isRecord()) {
                records.add(c);
            }
        }
        return records;
    }
}
