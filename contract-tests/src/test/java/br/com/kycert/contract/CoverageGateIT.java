package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The gate at the end of the suite (ordered last, see junit-platform.properties): everything the spec documents was
 * exercised, and nothing was observed that the spec does not document. Run the whole module, not this class alone.
 */
@Order(Integer.MAX_VALUE)
class CoverageGateIT extends ContractTest {

    /**
     * Documented responses the suite cannot provoke from outside, by status, with their problem codes. A 500
     * {@code internal_error} needs a fault inside the server, and the contract suite drives the real server through
     * its public surface only, with no fault injection.
     */
    static final Map<Integer, Set<String>> NOT_EXERCISABLE = Map.of(500, Set.of("internal_error"));

    static List<Exchange> exchanges;

    @BeforeAll
    static void collect() throws IOException {
        exchanges = recorder().exchanges();
        String location = System.getProperty("kycert.contract.report");
        if (location != null) {
            Path report = Path.of(location);
            Files.createDirectories(report.getParent());
            Files.writeString(report, report());
        }
    }

    private static Spec spec() {
        return recorder().spec();
    }

    private static boolean notExercisable(int status, String code) {
        return NOT_EXERCISABLE.containsKey(status) && (code == null || NOT_EXERCISABLE.get(status).contains(code));
    }

    private static long count(String operation, int status, String code, String origin) {
        return exchanges.stream().filter(e -> operation.equals(e.operationId()) && e.status() == status
                && (code == null || code.equals(e.problemCode())) && (origin == null || origin.equals(e.origin()))).count();
    }

    @Test
    void theNotExercisableListOnlyNamesDocumentedResponses() {
        NOT_EXERCISABLE.forEach((status, codes) -> spec().operations().forEach(op -> {
            assertThat(op.problemCodes()).as(op.id()).containsKey(status);
            assertThat(op.problemCodes().get(status)).as(op.id() + " " + status).containsExactlyInAnyOrderElementsOf(codes);
        }));
    }

    @Test
    void everyDocumentedStatusOfEveryOperationWasExercised() {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec().operations()) {
            for (int status : op.statuses()) {
                if (!notExercisable(status, null) && count(op.id(), status, null, null) == 0) {
                    missing.add(op.id() + " " + status);
                }
            }
        }
        assertThat(missing).as("documented (operation, status) pairs never exercised").isEmpty();
    }

    @Test
    void everyDocumentedProblemCodeWasExercised() {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec().operations()) {
            op.problemCodes().forEach((status, codes) -> codes.forEach(code -> {
                if (!notExercisable(status, code) && count(op.id(), status, code, null) == 0) {
                    missing.add(op.id() + " " + status + " " + code);
                }
            }));
        }
        assertThat(missing).as("documented x-problem-codes never exercised").isEmpty();
    }

    @Test
    void noResponseHadAStatusOrProblemCodeTheSpecDoesNotDocument() {
        List<String> undocumented = new ArrayList<>();
        for (Exchange e : exchanges) {
            if (e.operationId() == null) {
                undocumented.add("no documented operation: " + e.summary());
                continue;
            }
            Map<Integer, Set<String>> documented = spec().operation(e.operationId()).problemCodes();
            if (!documented.containsKey(e.status())) {
                undocumented.add("undocumented status: " + e.summary());
            } else if (e.status() >= 400 && !documented.get(e.status()).contains(e.problemCode())) {
                undocumented.add("code not in x-problem-codes " + documented.get(e.status()) + ": " + e.summary());
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyExchangeConformsToTheSpec() {
        assertThat(exchanges).as("exchanges recorded").isNotEmpty();
        List<String> bad = exchanges.stream().filter(e -> !e.violations().isEmpty()).map(Exchange::describe).toList();
        assertThat(bad).isEmpty();
    }

    @Test
    void everyOperationSucceededThroughTheSdkAndTheRawClient() {
        List<String> missing = new ArrayList<>();
        for (Spec.Operation op : spec().operations()) {
            int success = op.statuses().stream().filter(s -> s < 300).findFirst().orElseThrow();
            for (String origin : List.of("http", "sdk")) {
                if (count(op.id(), success, null, origin) == 0) {
                    missing.add(origin + " " + op.id() + " " + success);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everySdkRequestCarriedAVersionPinAndTheKey() {
        List<Exchange> sdk = exchanges.stream().filter(e -> e.origin().equals("sdk")).toList();
        assertThat(sdk).isNotEmpty().allSatisfy(e -> {
            assertThat(e.requestHeader("x-kycert-api-version")).as(e.summary()).isPresent();
            assertThat(e.requestHeader("X-API-Key")).as(e.summary()).isPresent();
        });
    }

    /** Every exchange, then the coverage matrix: kept in target/ for humans. */
    private static String report() {
        StringBuilder out = new StringBuilder("kycert contract report: ").append(exchanges.size())
                .append(" exchanges validated against ").append(spec().file()).append("\n\nCoverage (http / sdk):\n");
        for (Spec.Operation op : spec().operations()) {
            op.problemCodes().forEach((status, codes) -> {
                List<String> rows = codes.isEmpty() ? java.util.Collections.singletonList(null) : new ArrayList<>(codes);
                for (String code : rows) {
                    String mark = notExercisable(status, code) ? "not exercisable" : count(op.id(), status, code, null) == 0 ? "MISSING" : "";
                    out.append(String.format("  %-15s %d %-25s %3d / %-3d %s%n", op.id(), status, Objects.toString(code, ""),
                            count(op.id(), status, code, "http"), count(op.id(), status, code, "sdk"), mark));
                }
            });
        }
        List<String> tolerated = exchanges.stream().flatMap(e -> e.tolerated().stream().map(t -> "#" + e.seq() + " " + t)).toList();
        out.append("\nTolerated validator messages: ").append(tolerated.isEmpty() ? "none" : "").append("\n");
        tolerated.forEach(t -> out.append("  ").append(t).append("\n"));
        out.append("\nExchanges:\n");
        out.append(exchanges.stream().map(e -> "  " + e.summary()
                        + (e.deliberatelyInvalidRequest() ? " (request deliberately invalid)" : "")
                        + e.violations().stream().map(v -> "\n      ! " + v).collect(Collectors.joining()))
                .collect(Collectors.joining("\n")));
        return out.append("\n").toString();
    }
}
