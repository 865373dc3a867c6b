package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.contract.support.ContractEnvironment;
import br.com.kycert.contract.support.ContractGate;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.Spec;
import br.com.kycert.versions.ApiVersionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The gate at the end of the suite (ordered last, see junit-platform.properties): everything the spec documents was
 * exercised, and nothing was observed that the spec does not document, over the exchanges of both servers ({@code
 * main} and {@code worker}). The verdicts live in {@link ContractGate}; {@code GateSelfTest} proves they turn red on a
 * server that breaks the contract. Run the whole module, not this class alone.
 */
@Order(Integer.MAX_VALUE)
class CoverageGateIT extends ContractTest {

    /**
     * Documented responses the suite cannot provoke from outside, by status, with their problem codes. A 500
     * {@code internal_error} needs a fault inside the server, and the contract suite drives the real server through
     * its public surface only, with no fault injection.
     */
    /**
     * Responses that need a fault the shared servers cannot have: 500 a bug, 503 a database outage (exercised by the
     * server's DatabaseOutageIT, whose server reaches PostgreSQL through a proxy the test cuts).
     */
    static final Map<Integer, Set<String>> NOT_EXERCISABLE =
            Map.of(500, Set.of("internal_error"), 503, Set.of("service_unavailable"));

    static ContractGate gate;

    @BeforeAll
    static void collect() throws IOException {
        gate = new ContractGate(recorder().spec(), recorder().exchanges(), NOT_EXERCISABLE);
        String location = System.getProperty("kycert.contract.report");
        if (location != null) {
            Path report = Path.of(location);
            Files.createDirectories(report.getParent());
            Files.writeString(report, gate.report());
        }
    }

    private static Spec spec() {
        return recorder().spec();
    }

    @Test
    void theNotExercisableListOnlyNamesDocumentedResponses() {
        NOT_EXERCISABLE.forEach((status, codes) -> {
            // Every operation but liveness (which does no I/O, so is never 503) documents each of them.
            assertThat(spec().operations().stream()
                            .filter(op -> !op.problemCodes().containsKey(status))
                            .map(Spec.Operation::id))
                    .as("operations without " + status)
                    .isSubsetOf("getLiveness");
            spec().operations().stream()
                    .filter(op -> op.problemCodes().containsKey(status))
                    .forEach(op -> assertThat(op.problemCodes().get(status))
                            .as(op.id() + " " + status)
                            .containsExactlyInAnyOrderElementsOf(codes));
        });
    }

    @Test
    void everyDocumentedStatusOfEveryOperationWasExercised() {
        assertThat(gate.unexercisedStatuses())
                .as("documented (operation, status) pairs never exercised")
                .isEmpty();
    }

    @Test
    void everyDocumentedProblemCodeWasExercised() {
        assertThat(gate.unexercisedProblemCodes())
                .as("documented x-problem-codes never exercised")
                .isEmpty();
    }

    @Test
    void noResponseHadAStatusOrProblemCodeTheSpecDoesNotDocument() {
        assertThat(gate.undocumentedResponses()).isEmpty();
    }

    @Test
    void everyExchangeConformsToTheSpec() {
        assertThat(gate.judged()).as("exchanges recorded").isNotEmpty();
        assertThat(gate.nonConformantExchanges()).isEmpty();
    }

    @Test
    void everyOperationSucceededInEveryPublishedVersionAndConformedToThatVersionsSpec() {
        // Conformance per version: the recorder validates each exchange against the spec of the version that served
        // it (everyExchangeConformsToTheSpec); here, every version served every operation at least once.
        for (String version : ApiVersionCatalog.versions()) {
            assertThat(gate.operationsNeverSucceedingIn(version)).as(version).isEmpty();
        }
    }

    @Test
    void everyOperationSucceededThroughTheSdkAndTheRawClient() {
        assertThat(gate.operationsNeverSucceeding("http", null)).isEmpty();
        assertThat(gate.operationsNeverSucceeding("sdk", null)).isEmpty();
    }

    /** The worker server's exchanges count toward coverage; at least the SDK walk must have used every operation. */
    @Test
    void everyOperationSucceededThroughTheSdkOnTheServerWithTheRunWorker() {
        assertThat(gate.operationsNeverSucceeding("sdk", ContractEnvironment.WORKER))
                .isEmpty();
        assertThat(gate.count("getRunAnalysis", 409, "run_failed", "sdk", ContractEnvironment.WORKER))
                .as("the analysis of a run the worker failed")
                .isPositive();
    }

    @Test
    void everySdkRequestCarriedAVersionPinAndTheKey() {
        List<Exchange> sdk = recorder().exchanges().stream()
                .filter(e -> e.origin().equals("sdk"))
                .toList();
        assertThat(sdk).isNotEmpty().allSatisfy(e -> {
            assertThat(e.requestHeader("x-kycert-api-version")).as(e.summary()).isPresent();
            assertThat(e.requestHeader("X-API-Key")).as(e.summary()).isPresent();
        });
    }
}
