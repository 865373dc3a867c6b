package br.com.kycert.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fixture scenarios of PRODUCT.md §5, as the raw payload each source answers for a canonical
 * document. The sandbox answers them in-process; the emulator answers them over HTTP. Any other
 * document gets a clean answer.
 */
public final class Scenarios {

    public static final String CPF_CLEAR = "90000000175";
    public static final String CPF_PEP = "90000000256";
    public static final String CPF_UN_SANCTIONS = "90000000337";
    public static final String CPF_SUSPENSA = "90000000418";
    public static final String CPF_DECEASED = "90000000507";
    public static final String CPF_CEIS = "90000000680";
    public static final String CPF_TIMEOUT = "90000000760";
    public static final String CPF_ALL_FAIL = "90000000841";
    public static final String CNPJ_CLEAR = "KYCTST01000161";
    public static final String CNPJ_BAIXADA = "KYCTST02000106";
    public static final String CNPJ_INAPTA = "KYCTST03000150";
    public static final String CNPJ_PARTNER_PEP = "KYCTST04000103";

    /** The source that never answers for {@link #CPF_TIMEOUT}; required in the default PF template. */
    public static final String TIMING_OUT_SOURCE = "lawsuits";

    /** What a source does for a document. */
    public sealed interface Answer permits Payload, Unavailable, NoAnswer {}

    /** A normal answer. */
    public record Payload(Map<String, Object> raw) implements Answer {}

    /** The source is down (an HTTP source answers 503). */
    public record Unavailable(String why) implements Answer {}

    /** The source never answers in time. */
    public record NoAnswer() implements Answer {}

    private Scenarios() {}

    /** The answer of {@code source} for a canonical document, or empty for an unknown source. */
    public static Optional<Answer> answer(String source, String doc, String name) {
        if (doc.equals(CPF_ALL_FAIL)) {
            return known(source) ? Optional.of(new Unavailable(source + " answered 503 Service Unavailable")) : Optional.empty();
        }
        if (doc.equals(CPF_TIMEOUT) && source.equals(TIMING_OUT_SOURCE)) {
            return Optional.of(new NoAnswer());
        }
        Map<String, Object> raw = switch (source) {
            case "receita_cpf" -> Map.of(
                    "cpf", doc,
                    "nome", name,
                    "situacao", doc.equals(CPF_SUSPENSA) ? "suspensa" : "regular",
                    "obito", doc.equals(CPF_DECEASED));
            case "pep" -> doc.equals(CPF_PEP)
                    ? Map.of("match", true, "role", "Deputado Estadual", "since", "2019-02-01")
                    : Map.of("match", false);
            case "sanctions" -> Map.of("hits", doc.equals(CPF_UN_SANCTIONS)
                    ? List.of(Map.of("list", "UN", "program", "UNSC 1267", "name", name))
                    : List.of());
            case "ceis_cnep" -> Map.of("hits", doc.equals(CPF_CEIS)
                    ? List.of(Map.of("registry", "CEIS", "sanction", "Suspensão", "agency", "CGU"))
                    : List.of());
            case "lawsuits" -> Map.of("count", 0, "lawsuits", List.of());
            case "receita_cnpj" -> Map.of(
                    "cnpj", doc,
                    "razao_social", name,
                    "situacao", switch (doc) {
                        case CNPJ_BAIXADA -> "baixada";
                        case CNPJ_INAPTA -> "inapta";
                        default -> "ativa";
                    });
            case "qsa" -> Map.of("partners", doc.equals(CNPJ_PARTNER_PEP)
                    ? List.of(Map.of("name", "Sócio Exposto", "role", "administrador", "pep", true),
                            Map.of("name", "Sócia Comum", "role", "sócia", "pep", false))
                    : List.of(Map.of("name", "Sócia Comum", "role", "administradora", "pep", false)));
            default -> null;
        };
        return Optional.ofNullable(raw).map(Payload::new);
    }

    static boolean known(String source) {
        return List.of("receita_cpf", "pep", "sanctions", "ceis_cnep", "lawsuits", "receita_cnpj", "qsa").contains(source);
    }
}
