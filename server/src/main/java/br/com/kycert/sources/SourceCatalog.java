package br.com.kycert.sources;

import br.com.kycert.shared.SubjectType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data sources kycert knows, which subject types each serves, and what a query costs in live
 * credits (sandbox runs report the same figure as {@code would_charge}).
 */
public enum SourceCatalog {
    RECEITA_CPF("receita_cpf", Set.of(SubjectType.PF), 1),
    PEP("pep", Set.of(SubjectType.PF), 2),
    SANCTIONS("sanctions", Set.of(SubjectType.PF, SubjectType.PJ), 2),
    CEIS_CNEP("ceis_cnep", Set.of(SubjectType.PF, SubjectType.PJ), 1),
    LAWSUITS("lawsuits", Set.of(SubjectType.PF), 3),
    RECEITA_CNPJ("receita_cnpj", Set.of(SubjectType.PJ), 1),
    QSA("qsa", Set.of(SubjectType.PJ), 2);

    /** The time budget a template may give one source check, and the one it gets by default. */
    public static final int MIN_TIMEOUT_MS = 100;

    public static final int DEFAULT_TIMEOUT_MS = 2_000;

    /** The worker's lease must outlast it (see the worker configuration), so a run finishes within its lease. */
    public static final int MAX_TIMEOUT_MS = 10_000;

    public static final Duration MAX_TIMEOUT = Duration.ofMillis(MAX_TIMEOUT_MS);

    private final String id;
    private final Set<SubjectType> subjectTypes;
    private final long cost;

    SourceCatalog(String id, Set<SubjectType> subjectTypes, long cost) {
        this.id = id;
        this.subjectTypes = subjectTypes;
        this.cost = cost;
    }

    public String id() {
        return id;
    }

    public long cost() {
        return cost;
    }

    public boolean serves(SubjectType subjectType) {
        return subjectTypes.contains(subjectType);
    }

    public static Optional<SourceCatalog> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Every source that serves a subject type, in catalogue order: the default template. */
    public static List<SourceCatalog> defaultsFor(SubjectType subjectType) {
        return Arrays.stream(values()).filter(s -> s.serves(subjectType)).toList();
    }
}
