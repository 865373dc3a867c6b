package br.com.kycert.contract.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdicts of the contract gate over a set of recorded exchanges: each method returns what is wrong, empty when
 * the gate is green. {@code CoverageGateIT} asserts them over the whole suite's exchanges; {@code GateSelfTest}
 * proves they turn red when a server breaks the contract. Every exchange is judged: there is no list of known
 * server discrepancies to set aside (issue 14, item 15).
 */
public final class ContractGate {

    private final Spec spec;
    private final List<Exchange> all;
    private final List<Exchange> judged;
    private final Map<Integer, Set<String>> notExercisable;

    /**
     * @param notExercisable documented responses, by status and problem code, that need a fault inside the server
     *     and so are not required to be exercised
     */
    public ContractGate(Spec spec, List<Exchange> exchanges, Map<Integer, Set<String>> notExercisable) {
        this.spec = spec;
        this.all = List.copyOf(exchanges);
        this.judged = this.all;
        this.notExercisable = notExercisable;
    }

    public List<Exchange> judged() {
        return judged;
    }

    public boolean notExercisable(int status, String code) {
        return notExercisable.containsKey(status)
                && (code == null || notExercisable.get(status).contains(code));
    }

    /** How many judged exchanges hit this operation and status (and code, origin, server when not null). */
    public long count(String operation, int status, String code, String origin, String server) {
        return judged.stream()
                .filter(e -> operation.equals(e.operationId())
                        && e.status() == status
                        && (code == null || code.equals(e.problemCode()))
                        && (origin == null || origin.equals(e.origin()))
                        && (server == null || server.equals(e.server())))
                .count();
    }

    /** Exchanges the validator or the suite's prose checks found wrong. */
    public List<String> nonConformantExchanges() {
        return judged.stream()
                .filter(e -> !e.violations().isEmpty())
                .map(Exchange::describe)
                .toList();
    }

    /** Responses with a status the operation does not document, or a problem code its response does not list. */
    public List<String> undocumentedResponses() {
        List<String> undocumented = new ArrayList<>();
        for (Exchange e : judged) {
            if (e.operationId() == null) {
                undocumented.add("no documented operation: " + e.summary());
                continue;
            }
            Map<Integer, Set<String>> documented =
                    spec.operation(e.operationId()).problemCodes();
            if (!documented.containsKey(e.status())) {
                undocumented.add("undocumented status: " + e.summary());
            } else if (e.status() >= 400 && !documented.get(e.status()).contains(e.problemCode())) {
                undocumented.add("code not in x-problem-codes " + documented.get(e.status()) + ": " + e.summary());
            }
        }
        return undocumented;
    }

    /** Documented (operation, status) pairs no judged exchange produced. */
    public List<String> unexercisedStatuses() {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec.operations()) {
            for (int status : op.statuses()) {
                if (!notExercisable(status, null) && count(op.id(), status, null, null, null) == 0) {
                    missing.add(op.id() + " " + status);
                }
            }
        }
        return missing;
    }

    /** Documented {@code x-problem-codes} no judged exchange produced. */
    public List<String> unexercisedProblemCodes() {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec.operations()) {
            op.problemCodes()
                    .forEach((status, codes) -> codes.forEach(code -> {
                        if (!notExercisable(status, code) && count(op.id(), status, code, null, null) == 0) {
                            missing.add(op.id() + " " + status + " " + code);
                        }
                    }));
        }
        return missing;
    }

    /**
     * Operations whose success status no exchange served by {@code version} (its response's {@code
     * x-kycert-api-version}) produced: each published version's contract is exercised operation by operation.
     */
    public List<String> operationsNeverSucceedingIn(String version) {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec.operations()) {
            int success =
                    op.statuses().stream().filter(s -> s < 300).findFirst().orElseThrow();
            boolean served = judged.stream()
                    .anyMatch(e -> op.id().equals(e.operationId())
                            && e.status() == success
                            && e.responseHeader("x-kycert-api-version")
                                    .map(version::equals)
                                    .orElse(false));
            if (!served) {
                missing.add(version + ": " + op.id() + " " + success);
            }
        }
        return missing;
    }

    /** Operations whose success status was never seen from {@code origin} on {@code server} (either when null). */
    public List<String> operationsNeverSucceeding(String origin, String server) {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec.operations()) {
            int success =
                    op.statuses().stream().filter(s -> s < 300).findFirst().orElseThrow();
            if (count(op.id(), success, null, origin, server) == 0) {
                missing.add(Objects.toString(origin, "any client") + " on " + Objects.toString(server, "any server")
                        + ": " + op.id() + " " + success);
            }
        }
        return missing;
    }

    /** Every exchange, the coverage matrix and the tolerated validator messages: kept in target/ for humans. */
    public String report() {
        StringBuilder out = new StringBuilder("kycert contract report: ")
                .append(all.size())
                .append(" exchanges validated against ")
                .append(spec.file())
                .append("\n\nCoverage (http main / sdk main / http worker / sdk worker):\n");
        for (Spec.Operation op : spec.operations()) {
            op.problemCodes().forEach((status, codes) -> {
                List<String> rows = codes.isEmpty() ? Collections.singletonList(null) : new ArrayList<>(codes);
                for (String code : rows) {
                    String mark = notExercisable(status, code)
                            ? "not exercisable"
                            : count(op.id(), status, code, null, null) == 0 ? "MISSING" : "";
                    out.append(String.format(
                            "  %-15s %d %-25s %4d / %-4d / %4d / %-4d %s%n",
                            op.id(),
                            status,
                            Objects.toString(code, ""),
                            count(op.id(), status, code, "http", ContractEnvironment.MAIN),
                            count(op.id(), status, code, "sdk", ContractEnvironment.MAIN),
                            count(op.id(), status, code, "http", ContractEnvironment.WORKER),
                            count(op.id(), status, code, "sdk", ContractEnvironment.WORKER),
                            mark));
                }
            });
        }
        List<String> tolerated = all.stream()
                .flatMap(e -> e.tolerated().stream().map(t -> "#" + e.seq() + " " + t))
                .toList();
        out.append("\nTolerated validator messages: ")
                .append(tolerated.isEmpty() ? "none" : "")
                .append("\n");
        tolerated.forEach(t -> out.append("  ").append(t).append("\n"));
        out.append("\nExchanges:\n");
        out.append(all.stream()
                .map(e -> "  " + e.summary()
                        + (e.deliberatelyInvalidRequest() ? " (request deliberately invalid)" : "")
                        + e.violations().stream().map(v -> "\n      ! " + v).collect(Collectors.joining()))
                .collect(Collectors.joining("\n")));
        return out.append("\n").toString();
    }
}
