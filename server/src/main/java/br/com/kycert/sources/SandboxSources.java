package br.com.kycert.sources;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's sources: deterministic fixture payloads (PRODUCT.md §5) with no network access.
 * Any valid document that is not a fixture gets a clean answer from every source.
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

    /** Fixture documents (canonical). */
    static final String CPF_CLEAR = "90000000175";
    static final String CPF_PEP = "90000000256";
    static final String CPF_UN_SANCTIONS = "90000000337";
    static final String CPF_SUSPENSA = "90000000418";
    static final String CPF_DECEASED = "90000000507";
    static final String CPF_CEIS = "90000000680";
    static final String CPF_TIMEOUT = "90000000760";
    static final String CPF_ALL_FAIL = "90000000841";
    static final String CNPJ_CLEAR = "KYCTST01000161";
    static final String CNPJ_BAIXADA = "KYCTST02000106";
    static final String CNPJ_INAPTA = "KYCTST03000150";
    static final String CNPJ_PARTNER_PEP = "KYCTST04000103";

    /** The source that times out for {@link #CPF_TIMEOUT}: it is required in the default PF template. */
    static final String TIMING_OUT_SOURCE = "lawsuits";

    private record Fixture(String id) implements BureauSource {

        @Override
        public Map<String, Object> query(SourceQuery q) throws Exception {
            String doc = q.doc();
            if (doc.equals(CPF_ALL_FAIL)) {
                throw new SourceFailure("sandbox: " + id + " answered 503 Service Unavailable");
            }
            if (doc.equals(CPF_TIMEOUT) && id.equals(TIMING_OUT_SOURCE)) {
                Thread.sleep(q.timeoutMs() + 1_000L);
                throw new SourceFailure("sandbox: " + id + " did not answer");
            }
            return switch (id) {
                case "receita_cpf" -> Map.of(
                        "cpf", doc,
                        "nome", q.name(),
                        "situacao", doc.equals(CPF_SUSPENSA) ? "suspensa" : "regular",
                        "obito", doc.equals(CPF_DECEASED));
                case "pep" -> doc.equals(CPF_PEP)
                        ? Map.of("match", true, "role", "Deputado Estadual", "since", "2019-02-01")
                        : Map.of("match", false);
                case "sanctions" -> Map.of("hits", doc.equals(CPF_UN_SANCTIONS)
                        ? List.of(Map.of("list", "UN", "program", "UNSC 1267", "name", q.name()))
                        : List.of());
                case "ceis_cnep" -> Map.of("hits", doc.equals(CPF_CEIS)
                        ? List.of(Map.of("registry", "CEIS", "sanction", "Suspensão", "agency", "CGU"))
                        : List.of());
                case "lawsuits" -> Map.of("count", 0, "lawsuits", List.of());
                case "receita_cnpj" -> Map.of(
                        "cnpj", doc,
                        "razao_social", q.name(),
                        "situacao", switch (doc) {
                            case CNPJ_BAIXADA -> "baixada";
                            case CNPJ_INAPTA -> "inapta";
                            default -> "ativa";
                        });
                case "qsa" -> Map.of("partners", doc.equals(CNPJ_PARTNER_PEP)
                        ? List.of(Map.of("name", "Sócio Exposto", "role", "administrador", "pep", true),
                                Map.of("name", "Sócia Comum", "role", "sócia", "pep", false))
                        : List.of(Map.of("name", "Sócia Comum", "role", "administradora", "pep", false)));
                default -> throw new SourceFailure("sandbox: unknown source " + id);
            };
        }
    }
}
