package br.com.kycert.sources;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The data sources kycert knows, which subject types each serves, and what a query costs in live
 * credits (sandbox runs report the same figure as {@code would_charge}).
 */
public enum SourceCatalog {
    RECEITA_CPF("receita_cpf", Set.of("pf"), 1),
    PEP("pep", Set.of("pf"), 2),
    SANCTIONS("sanctions", Set.of("pf", "pj"), 2),
    CEIS_CNEP("ceis_cnep", Set.of("pf", "pj"), 1),
    LAWSUITS("lawsuits", Set.of("pf"), 3),
    RECEITA_CNPJ("receita_cnpj", Set.of("pj"), 1),
    QSA("qsa", Set.of("pj"), 2);

    private final String id;
    private final Set<String> subjectTypes;
    private final long cost;

    SourceCatalog(String id, Set<String> subjectTypes, long cost) {
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

    public boolean serves(String subjectType) {
        return subjectTypes.contains(subjectType);
    }

    public static Optional<SourceCatalog> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /** Every source that serves a subject type, in catalogue order: the default template. */
    public static List<SourceCatalog> defaultsFor(String subjectType) {
        return Arrays.stream(values()).filter(s -> s.serves(subjectType)).toList();
    }
}
