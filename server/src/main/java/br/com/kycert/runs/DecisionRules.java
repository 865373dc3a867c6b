package br.com.kycert.runs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The default decision rules (PRODUCT.md §3). Each rule reads one source's raw payload; the most
 * severe matched outcome wins; a required source that errored or timed out sends the run to review
 * (fail closed); if every source failed the run fails.
 */
public final class DecisionRules {

    enum Outcome {
        APPROVED("approved", "info"),
        REVIEW("review", "review"),
        REJECTED("rejected", "reject");

        final String value;
        final String severity;

        Outcome(String value, String severity) {
            this.value = value;
            this.severity = severity;
        }

        Outcome worst(Outcome other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** A rule: when {@code matches} holds for the source's payload, the outcome applies. */
    record Rule(String name, String source, Outcome outcome, String reason, String message, boolean complianceAlert,
                Predicate<Map<String, Object>> matches) {}

    /** What a source check ended as. */
    record Check(String source, boolean required, String status, Map<String, Object> raw) {
        boolean succeeded() {
            return "succeeded".equals(status);
        }
    }

    record ReasonOut(String code, String severity, String source, String message) {}

    record RuleOut(String rule, String outcome, String source, boolean matched) {}

    /** The decision of a finished run. {@code failed} means every source failed. */
    record Decision(boolean failed, Outcome outcome, boolean partial, boolean complianceAlert, List<ReasonOut> reasons,
                    List<RuleOut> ruleResults, Map<String, Outcome> sourceOutcomes) {}

    static final List<Rule> DEFAULT = List.of(
            new Rule("holder_deceased", "receita_cpf", Outcome.REJECTED, "holder_deceased",
                    "Receita Federal records the holder as deceased.", false, raw -> Boolean.TRUE.equals(raw.get("obito"))),
            new Rule("cpf_nula_cancelada", "receita_cpf", Outcome.REJECTED, "cpf_irregular",
                    "The CPF is null or cancelled at Receita Federal.", false, situacao("nula", "cancelada")),
            new Rule("cpf_suspensa_pendente", "receita_cpf", Outcome.REVIEW, "cpf_irregular",
                    "The CPF is suspended or pending regularisation at Receita Federal.", false,
                    situacao("suspensa", "pendente_de_regularizacao")),
            new Rule("cnpj_baixada_nula", "receita_cnpj", Outcome.REJECTED, "cnpj_closed",
                    "The CNPJ is closed (baixada) or null at Receita Federal.", false, situacao("baixada", "nula")),
            new Rule("cnpj_inapta_suspensa", "receita_cnpj", Outcome.REVIEW, "cnpj_irregular",
                    "The CNPJ is unfit (inapta) or suspended at Receita Federal.", false, situacao("inapta", "suspensa")),
            new Rule("pep_match", "pep", Outcome.REVIEW, "pep_match",
                    "The subject is a politically exposed person.", false, raw -> Boolean.TRUE.equals(raw.get("match"))),
            new Rule("partner_pep", "qsa", Outcome.REVIEW, "partner_pep",
                    "A partner of the company is a politically exposed person.", false,
                    raw -> list(raw.get("partners")).stream().anyMatch(p -> Boolean.TRUE.equals(map(p).get("pep")))),
            new Rule("ceis_cnep_hit", "ceis_cnep", Outcome.REVIEW, "ceis_cnep_hit",
                    "The subject is listed in CEIS/CNEP.", false, raw -> !list(raw.get("hits")).isEmpty()),
            new Rule("un_sanctions_hit", "sanctions", Outcome.REVIEW, "sanctions_hit",
                    "UN sanctions list match: freeze and report (Lei 13.810/2019).", true,
                    raw -> list(raw.get("hits")).stream().anyMatch(h -> "UN".equals(map(h).get("list")))));

    private DecisionRules() {}

    /** The names of the default rules a template may re-grade or switch off. */
    public static List<String> ruleNames() {
        return DEFAULT.stream().map(Rule::name).toList();
    }

    /** The outcomes a template may give a rule: a decision, or {@code off}. */
    public static final List<String> OUTCOMES = List.of("approved", "review", "rejected", "off");

    static Decision decide(Collection<Check> checks) {
        return decide(checks, Map.of());
    }

    /**
     * Decides with a template's rule outcomes: {@code outcomes} maps a rule name to the decision it
     * leads to when it matches ({@code approved}, {@code review}, {@code rejected}) or {@code off}.
     */
    static Decision decide(Collection<Check> checks, Map<String, String> outcomes) {
        Outcome outcome = Outcome.APPROVED;
        boolean partial = false;
        boolean alert = false;
        List<ReasonOut> reasons = new ArrayList<>();
        List<RuleOut> results = new ArrayList<>();
        Map<String, Outcome> perSource = new java.util.LinkedHashMap<>();
        Set<String> present = new java.util.HashSet<>();
        checks.forEach(c -> present.add(c.source()));

        for (Check check : checks) {
            if (check.succeeded()) {
                perSource.put(check.source(), Outcome.APPROVED);
            } else {
                partial = true;
                if (check.required()) {
                    outcome = outcome.worst(Outcome.REVIEW);
                    reasons.add(new ReasonOut("source_unavailable", Outcome.REVIEW.severity, check.source(),
                            "Required source " + check.source() + " " + ("timed_out".equals(check.status()) ? "timed out" : "failed")
                                    + "; the run cannot be approved without it."));
                }
            }
        }
        for (Rule base : DEFAULT) {
            String graded = outcomes.get(base.name());
            if ("off".equals(graded)) {
                continue;
            }
            Rule rule = graded == null ? base : new Rule(base.name(), base.source(), Outcome.valueOf(graded.toUpperCase()),
                    base.reason(), base.message(), base.complianceAlert(), base.matches());
            if (!present.contains(rule.source())) {
                continue;
            }
            Check check = checks.stream().filter(c -> c.source().equals(rule.source())).findFirst().orElseThrow();
            boolean matched = check.succeeded() && check.raw() != null && rule.matches().test(check.raw());
            results.add(new RuleOut(rule.name(), rule.outcome().value, rule.source(), matched));
            if (matched) {
                outcome = outcome.worst(rule.outcome());
                perSource.merge(rule.source(), rule.outcome(), Outcome::worst);
                alert |= rule.complianceAlert();
                reasons.add(new ReasonOut(rule.reason(), rule.outcome().severity, rule.source(), rule.message()));
            }
        }
        boolean anyRequiredFailed = checks.stream().anyMatch(c -> c.required() && !c.succeeded());
        results.add(new RuleOut("required_source_unavailable", Outcome.REVIEW.value, "*", anyRequiredFailed));
        boolean failed = !checks.isEmpty() && checks.stream().noneMatch(Check::succeeded);
        reasons.sort(java.util.Comparator.comparing((ReasonOut r) -> severityRank(r.severity())).reversed());
        return new Decision(failed, outcome, partial, alert, reasons, results, perSource);
    }

    private static int severityRank(String severity) {
        return switch (severity) {
            case "reject" -> 2;
            case "review" -> 1;
            default -> 0;
        };
    }

    private static Predicate<Map<String, Object>> situacao(String... values) {
        Set<String> set = Set.of(values);
        return raw -> set.contains(Objects.toString(raw.get("situacao"), ""));
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
