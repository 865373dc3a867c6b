package br.com.kycert.rules;

import br.com.kycert.sources.SourceCheckStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The default decision rules (PRODUCT.md §3). Each rule reads one source's raw payload; the most
 * severe matched outcome wins; a required source that errored or timed out sends the run to review
 * (fail closed); if every source failed the run fails. Runs decide with them; templates re-grade or
 * switch them off by name.
 */
public final class DecisionRules {

    /** A rule: when {@code matches} holds for the source's payload, the outcome applies. */
    private record Rule(
            String name,
            String source,
            Outcome outcome,
            String reason,
            String message,
            boolean complianceAlert,
            Predicate<Map<String, Object>> matches) {

        Rule graded(Outcome other) {
            return new Rule(name, source, other, reason, message, complianceAlert, matches);
        }
    }

    /** What a source check ended as; {@code raw} is its payload, or null when it did not answer. */
    public record Check(String source, boolean required, SourceCheckStatus status, Map<String, Object> raw) {
        boolean succeeded() {
            return status == SourceCheckStatus.SUCCEEDED;
        }
    }

    /** Why a run got its decision; the severity of a reason is that of its {@code outcome}. */
    public record Reason(String code, Outcome outcome, String source, String message) {}

    /** How one rule was evaluated for a run. */
    public record RuleResult(String rule, Outcome outcome, String source, boolean matched) {}

    /**
     * The decision of a finished run. {@code failed} means every source failed; {@code partial} that
     * at least one did. {@code sourceOutcomes} holds the outcome each answering source led to.
     */
    public record Decision(
            boolean failed,
            Outcome outcome,
            boolean partial,
            boolean complianceAlert,
            List<Reason> reasons,
            List<RuleResult> ruleResults,
            Map<String, Outcome> sourceOutcomes) {}

    /** The rule every run has: a required source that did not answer sends the run to review. */
    static final String REQUIRED_SOURCE_UNAVAILABLE = "required_source_unavailable";

    private static final List<Rule> DEFAULT = List.of(
            new Rule(
                    "holder_deceased",
                    "receita_cpf",
                    Outcome.REJECTED,
                    "holder_deceased",
                    "Receita Federal records the holder as deceased.",
                    false,
                    raw -> Boolean.TRUE.equals(raw.get("obito"))),
            new Rule(
                    "cpf_nula_cancelada",
                    "receita_cpf",
                    Outcome.REJECTED,
                    "cpf_irregular",
                    "The CPF is null or cancelled at Receita Federal.",
                    false,
                    situacao("nula", "cancelada")),
            new Rule(
                    "cpf_suspensa_pendente",
                    "receita_cpf",
                    Outcome.REVIEW,
                    "cpf_irregular",
                    "The CPF is suspended or pending regularisation at Receita Federal.",
                    false,
                    situacao("suspensa", "pendente_de_regularizacao")),
            new Rule(
                    "cnpj_baixada_nula",
                    "receita_cnpj",
                    Outcome.REJECTED,
                    "cnpj_closed",
                    "The CNPJ is closed (baixada) or null at Receita Federal.",
                    false,
                    situacao("baixada", "nula")),
            new Rule(
                    "cnpj_inapta_suspensa",
                    "receita_cnpj",
                    Outcome.REVIEW,
                    "cnpj_irregular",
                    "The CNPJ is unfit (inapta) or suspended at Receita Federal.",
                    false,
                    situacao("inapta", "suspensa")),
            new Rule(
                    "pep_match",
                    "pep",
                    Outcome.REVIEW,
                    "pep_match",
                    "The subject is a politically exposed person.",
                    false,
                    raw -> Boolean.TRUE.equals(raw.get("match"))),
            new Rule(
                    "partner_pep",
                    "qsa",
                    Outcome.REVIEW,
                    "partner_pep",
                    "A partner of the company is a politically exposed person.",
                    false,
                    raw -> list(raw.get("partners")).stream().anyMatch(p -> Boolean.TRUE.equals(map(p).get("pep")))),
            new Rule(
                    "ceis_cnep_hit",
                    "ceis_cnep",
                    Outcome.REVIEW,
                    "ceis_cnep_hit",
                    "The subject is listed in CEIS/CNEP.",
                    false,
                    raw -> !list(raw.get("hits")).isEmpty()),
            new Rule(
                    "un_sanctions_hit",
                    "sanctions",
                    Outcome.REVIEW,
                    "sanctions_hit",
                    "UN sanctions list match: freeze and report (Lei 13.810/2019).",
                    true,
                    raw -> list(raw.get("hits")).stream().anyMatch(h -> "UN".equals(map(h).get("list")))));

    private DecisionRules() {}

    /** The names of the default rules a template may re-grade or switch off. */
    public static List<String> ruleNames() {
        return DEFAULT.stream().map(Rule::name).toList();
    }

    /** A default rule as a template puts it in force: the source it reads and what a match leads to. */
    public record RuleInForce(String rule, String source, String outcome) {}

    /**
     * The rules that read one of {@code sources}, in evaluation order, each with the outcome a template's
     * {@code outcomes} give it (a decision or {@code off}) or else its default.
     */
    public static List<RuleInForce> inForce(Collection<String> sources, Map<String, String> outcomes) {
        return DEFAULT.stream()
                .filter(rule -> sources.contains(rule.source()))
                .map(rule -> new RuleInForce(
                        rule.name(),
                        rule.source(),
                        outcomes.getOrDefault(rule.name(), rule.outcome().value())))
                .toList();
    }

    /** Decides with the default rules as they are. */
    public static Decision decide(Collection<Check> checks) {
        return decide(checks, Map.of());
    }

    /** Decides with a template's grades: a rule named in {@code grades} leads to that outcome, or is off. */
    public static Decision decide(Collection<Check> checks, Map<String, Grade> grades) {
        Outcome outcome = Outcome.APPROVED;
        boolean partial = false;
        boolean alert = false;
        List<Reason> reasons = new ArrayList<>();
        List<RuleResult> results = new ArrayList<>();
        Map<String, Outcome> perSource = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        checks.forEach(c -> present.add(c.source()));

        for (Check check : checks) {
            if (check.succeeded()) {
                perSource.put(check.source(), Outcome.APPROVED);
            } else {
                partial = true;
                if (check.required()) {
                    outcome = outcome.worst(Outcome.REVIEW);
                    reasons.add(new Reason(
                            "source_unavailable",
                            Outcome.REVIEW,
                            check.source(),
                            "Required source " + check.source() + " "
                                    + (check.status() == SourceCheckStatus.TIMED_OUT ? "timed out" : "failed")
                                    + "; the run cannot be approved without it."));
                }
            }
        }
        for (Rule base : DEFAULT) {
            Grade grade = grades.get(base.name());
            if (grade == Grade.OFF) {
                continue;
            }
            Rule rule = grade == null ? base : base.graded(grade.outcome().orElseThrow());
            if (!present.contains(rule.source())) {
                continue;
            }
            Check check = checks.stream()
                    .filter(c -> c.source().equals(rule.source()))
                    .findFirst()
                    .orElseThrow();
            boolean matched =
                    check.succeeded() && check.raw() != null && rule.matches().test(check.raw());
            results.add(new RuleResult(rule.name(), rule.outcome(), rule.source(), matched));
            if (matched) {
                outcome = outcome.worst(rule.outcome());
                perSource.merge(rule.source(), rule.outcome(), Outcome::worst);
                alert |= rule.complianceAlert();
                reasons.add(new Reason(rule.reason(), rule.outcome(), rule.source(), rule.message()));
            }
        }
        boolean anyRequiredFailed = checks.stream().anyMatch(c -> c.required() && !c.succeeded());
        results.add(new RuleResult(REQUIRED_SOURCE_UNAVAILABLE, Outcome.REVIEW, "*", anyRequiredFailed));
        boolean failed = !checks.isEmpty() && checks.stream().noneMatch(Check::succeeded);
        // Most severe first; the sort is stable, so reasons of one severity keep their order.
        reasons.sort(Comparator.comparing(Reason::outcome).reversed());
        return new Decision(failed, outcome, partial, alert, reasons, results, perSource);
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
