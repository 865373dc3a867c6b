package br.com.kycert.sources;

import br.com.kycert.fixtures.Scenarios;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's sources: the fixture scenarios of PRODUCT.md §5 (the same ones the bureau emulator
 * serves over HTTP), answered in-process with no network access. Any valid document that is not a
 * fixture gets a clean answer from every source.
 */
@Singleton
public final class SandboxSources {

    private final Map<String, BureauSource> sources = new LinkedHashMap<>();

    SandboxSources() {
        Arrays.stream(SourceCatalog.values()).forEach(s -> sources.put(s.id(), new Fixture(s.id())));
    }

    public Optional<BureauSource> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    private record Fixture(String id) implements BureauSource {

        @Override
        public Map<String, Object> query(SourceQuery q) throws Exception {
            q.attempts().incrementAndGet();
            Scenarios.Answer answer = Scenarios.answer(id, q.doc(), q.name())
                    .orElseThrow(() -> new SourceFailure("sandbox: unknown source " + id));
            if (answer instanceof Scenarios.Payload payload) {
                return payload.raw();
            }
            if (answer instanceof Scenarios.Unavailable unavailable) {
                throw new SourceFailure("sandbox: " + unavailable.why());
            }
            Thread.sleep(q.timeoutMs() + 1_000L);
            throw new SourceFailure("sandbox: " + id + " did not answer");
        }
    }
}
