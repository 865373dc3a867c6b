package br.com.kycert.sources;

import br.com.kycert.fixtures.Scenarios;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The sandbox's sources: the fixture scenarios of PRODUCT.md §5 (the same ones the bureau emulator
 * serves over HTTP), answered in-process with no network access and no thread of their own. Any
 * valid document that is not a fixture gets a clean answer from every source.
 */
@Singleton
public final class SandboxSources {

    /**
     * What sandbox source {@code id} answers for the query, at once: a payload, unavailable, or no
     * answer (the caller times the check out when its timeout is up; nothing waits here). Empty
     * when the catalogue has no such source.
     */
    public Optional<Scenarios.Answer> answer(String id, SourceQuery q) {
        if (SourceCatalog.of(id).isEmpty()) {
            return Optional.empty();
        }
        q.attempts().incrementAndGet();
        return Optional.of(Scenarios.answer(id, q.doc(), q.name())
                .orElseGet(() -> new Scenarios.Unavailable("unknown source " + id)));
    }
}
