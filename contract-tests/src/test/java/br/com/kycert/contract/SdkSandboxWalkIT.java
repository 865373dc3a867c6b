package br.com.kycert.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import br.com.kycert.client.KycertClient;
import br.com.kycert.client.ListRunsParams;
import br.com.kycert.client.exception.RunFailedException;
import br.com.kycert.client.model.Completeness;
import br.com.kycert.client.model.CreateRunRequest;
import br.com.kycert.client.model.Decision;
import br.com.kycert.client.model.Reason;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunAnalysis;
import br.com.kycert.client.model.RunDetail;
import br.com.kycert.client.model.RunStatus;
import br.com.kycert.client.model.SourceCheck;
import br.com.kycert.client.model.SourceStatus;
import br.com.kycert.client.model.SourceSummary;
import br.com.kycert.client.model.SubjectInput;
import br.com.kycert.client.model.SubjectType;
import br.com.kycert.contract.support.ContractEnvironment;
import br.com.kycert.contract.support.ContractTest;
import br.com.kycert.contract.support.Exchange;
import br.com.kycert.contract.support.World;
import br.com.kycert.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sandbox walk of issue 4, through the SDK only ({@link KycertClient}, pointed at the recording proxy of the
 * {@code worker} server, whose run worker processes sandbox runs): every fixture of PRODUCT.md §5, PF and PJ
 * (alphanumeric CNPJ included), created, followed with {@code getRun} to its end, then read back with
 * {@code getRunAnalysis}, {@code getRunDetail} and {@code listRunsAutoPaging}. Every exchange is validated against
 * the spec by the recorder and counts toward the coverage gate.
 */
class SdkSandboxWalkIT extends ContractTest {

    /** A fixture and its documented end (the same table as the server's RunLifecycleIT). */
    record Fixture(
            SubjectType type,
            String doc,
            RunStatus status,
            Decision decision,
            Completeness completeness,
            String reason) {

        boolean failed() {
            return status == RunStatus.FAILED;
        }
    }

    static final List<Fixture> FIXTURES = List.of(
            new Fixture(
                    SubjectType.PF, "900.000.001-75", RunStatus.COMPLETED, Decision.APPROVED, Completeness.FULL, null),
            new Fixture(
                    SubjectType.PF,
                    "900.000.002-56",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "pep_match"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.003-37",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "sanctions_hit"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.004-18",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "cpf_irregular"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.005-07",
                    RunStatus.COMPLETED,
                    Decision.REJECTED,
                    Completeness.FULL,
                    "holder_deceased"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.006-80",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "ceis_cnep_hit"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.007-60",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.PARTIAL,
                    "source_unavailable"),
            new Fixture(
                    SubjectType.PF,
                    "900.000.008-41",
                    RunStatus.FAILED,
                    null,
                    Completeness.PARTIAL,
                    "source_unavailable"),
            new Fixture(
                    SubjectType.PJ,
                    "KY.CTS.T01/0001-61",
                    RunStatus.COMPLETED,
                    Decision.APPROVED,
                    Completeness.FULL,
                    null),
            new Fixture(
                    SubjectType.PJ,
                    "KY.CTS.T02/0001-06",
                    RunStatus.COMPLETED,
                    Decision.REJECTED,
                    Completeness.FULL,
                    "cnpj_closed"),
            new Fixture(
                    SubjectType.PJ,
                    "KY.CTS.T03/0001-50",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "cnpj_irregular"),
            new Fixture(
                    SubjectType.PJ,
                    "KY.CTS.T04/0001-03",
                    RunStatus.COMPLETED,
                    Decision.REVIEW,
                    Completeness.FULL,
                    "partner_pep"),
            new Fixture(
                    SubjectType.PJ,
                    "90.000.001/0001-29",
                    RunStatus.COMPLETED,
                    Decision.APPROVED,
                    Completeness.FULL,
                    null),
            // "Any other valid document in sandbox → clear → approved."
            new Fixture(
                    SubjectType.PF, "529.982.247-25", RunStatus.COMPLETED, Decision.APPROVED, Completeness.FULL, null),
            new Fixture(
                    SubjectType.PJ,
                    "11.222.333/0001-81",
                    RunStatus.COMPLETED,
                    Decision.APPROVED,
                    Completeness.FULL,
                    null));

    @Test
    void everySandboxFixtureThroughTheSdkOnly() {
        ContractEnvironment env = workerEnv();
        World w = env.world();
        // Tenant beta has support approval for detail access; this key has runs:write, runs:read and detail:read.
        KycertClient client = KycertClient.builder()
                .apiKey(w.detail.secret())
                .baseUrl(env.sdkBaseUrl())
                .build();
        String tag = "sdk_walk_" + UUID.randomUUID();

        // An integrator checks its key at start-up, finds its template ids through the SDK, then creates runs.
        var me = client.keys().meWithResponse(null);
        assertThat(me.data().getEffectiveScopes()).contains("runs:write", "runs:read", "detail:read");
        assertThat(me.rateLimit()).hasValueSatisfying(q -> assertThat(q.limit()).isPositive());
        Map<SubjectType, UUID> templates = new java.util.EnumMap<>(SubjectType.class);
        for (br.com.kycert.client.model.Template t : client.templates().listAutoPaging(1, null)) {
            assertThat(templates.put(t.getSubjectType(), t.getId()))
                    .as("one template per type")
                    .isNull();
        }
        assertThat(templates)
                .containsEntry(SubjectType.PF, w.beta.pfTemplate())
                .containsEntry(SubjectType.PJ, w.beta.pjTemplate());
        assertThat(client.templates().get(templates.get(SubjectType.PF)).getSources())
                .isNotEmpty();

        // Create every run first: the worker processes them concurrently while the walk follows them one by one.
        Map<UUID, Fixture> runs = new LinkedHashMap<>();
        for (Fixture f : FIXTURES) {
            UUID template = templates.get(f.type());
            Run created = client.runs()
                    .create(new CreateRunRequest()
                            .templateId(template)
                            .subject(new SubjectInput()
                                    .type(f.type())
                                    .doc(f.doc())
                                    .name("Fixture " + f.doc()))
                            .externalId(tag));
            assertThat(lastSdkExchange(env).status()).isEqualTo(201);
            assertThat(created.getStatus()).as(f.doc()).isIn(RunStatus.QUEUED, RunStatus.RUNNING);
            assertThat(created.getSubject().getType()).isEqualTo(f.type());
            assertThat(created.getSubject().getDoc()).doesNotContain(digits(f.doc()));
            runs.put(created.getId(), f);
        }

        for (Map.Entry<UUID, Fixture> entry : runs.entrySet()) {
            UUID id = entry.getKey();
            Fixture f = entry.getValue();
            String what = f.type().getValue() + " " + f.doc();
            Run run = awaitFinished(client, id);

            assertThat(run.getStatus()).as(what).isEqualTo(f.status());
            if (f.decision() == null) {
                assertThat(run.getDecision()).as(what).isNull();
            } else {
                assertThat(run.getDecision()).as(what).isNotNull();
                assertThat(run.getDecision().getValue())
                        .as(what)
                        .isEqualTo(f.decision().getValue());
            }
            assertThat(run.getCompleteness()).as(what).isNotNull();
            assertThat(run.getCompleteness().getValue())
                    .as(what)
                    .isEqualTo(f.completeness().getValue());
            assertThat(run.getCompletedAt()).as(what).isNotNull();
            assertThat(run.getComplianceAlert())
                    .as(what + " compliance_alert")
                    .isEqualTo("sanctions_hit".equals(f.reason()));
            List<String> reasons =
                    run.getReasons().stream().map(Reason::getCode).toList();
            if (f.reason() == null) {
                assertThat(reasons).as(what).isEmpty();
            } else {
                // A failed run has one source_unavailable per source (five).
                assertThat(reasons).as(what).containsOnly(f.reason()).hasSize(f.failed() ? 5 : 1);
            }
            // The sandbox never charges; it reports what live would have cost, nothing for a failed run.
            assertThat(run.getCredits().getCharged()).as(what + " charged").isZero();
            if (f.failed()) {
                assertThat(run.getCredits().getWouldCharge())
                        .as(what + " would_charge")
                        .isZero();
            } else {
                assertThat(run.getCredits().getWouldCharge())
                        .as(what + " would_charge")
                        .isPositive();
            }

            if (f.failed()) {
                RunFailedException notCompleted = catchThrowableOfType(
                        RunFailedException.class, () -> client.runs().getAnalysis(id));
                assertThat(notCompleted)
                        .as(what + ": the analysis of a failed run")
                        .isNotNull();
                assertThat(notCompleted.getStatus()).isEqualTo(409);
                assertThat(notCompleted.getCode()).isEqualTo("run_failed");
                assertThat(notCompleted.isFinal()).isTrue();
                assertThat(notCompleted.getRequestId())
                        .isEqualTo(lastSdkExchange(env)
                                .responseHeader("X-Request-Id")
                                .orElseThrow());
            } else {
                RunAnalysis analysis = client.runs().getAnalysis(id);
                assertThat(lastSdkExchange(env).status()).isEqualTo(200);
                assertThat(analysis.getRunId()).isEqualTo(id);
                assertThat(analysis.getDecision()).as(what).isEqualTo(f.decision());
                assertThat(analysis.getCompleteness()).as(what).isEqualTo(f.completeness());
                assertThat(analysis.getComplianceAlert()).isEqualTo(run.getComplianceAlert());
                assertThat(analysis.getReasons()).extracting(Reason::getCode).containsExactlyElementsOf(reasons);
                assertThat(analysis.getRuleResults()).as(what).hasSizeGreaterThan(3);
                assertThat(analysis.getSources()).as(what).isNotEmpty();
                if (f.completeness() == Completeness.PARTIAL) {
                    assertThat(analysis.getSources())
                            .extracting(SourceSummary::getStatus)
                            .contains(SourceStatus.TIMED_OUT);
                }
                assertThat(lastSdkExchange(env).responseBody()).doesNotContain(digits(f.doc()));
            }

            RunDetail detail = client.runs().getDetail(id);
            assertThat(lastSdkExchange(env).status()).isEqualTo(200);
            assertThat(detail.getRunId()).isEqualTo(id);
            assertThat(detail.getStatus()).isEqualTo(f.status());
            assertThat(detail.getSubject().getDoc()).isEqualTo(digits(f.doc()));
            assertThat(detail.getSources()).as(what).isNotEmpty().allSatisfy(check -> {
                assertThat(check.getStatus()).isIn(SourceStatus.SUCCEEDED, SourceStatus.FAILED, SourceStatus.TIMED_OUT);
                assertThat(check.getAttempts()).isEqualTo(1);
            });
            List<SourceStatus> statuses =
                    detail.getSources().stream().map(SourceCheck::getStatus).toList();
            if (f.failed()) {
                assertThat(statuses).as(what).doesNotContain(SourceStatus.SUCCEEDED);
            } else if (f.completeness() == Completeness.PARTIAL) {
                assertThat(statuses).as(what).containsOnlyOnce(SourceStatus.TIMED_OUT);
            } else {
                assertThat(statuses).as(what).containsOnly(SourceStatus.SUCCEEDED);
                assertThat(detail.getSources())
                        .allSatisfy(check -> assertThat(check.getRaw()).isNotNull());
            }
        }

        // Every run of the walk, newest first, across pages of 4.
        int before = recorder().mark();
        List<UUID> listed = new ArrayList<>();
        client.runs()
                .listAutoPaging(
                        ListRunsParams.builder().externalId(tag).limit(4).build())
                .forEach(run -> listed.add(run.getId()));
        List<UUID> newestFirst = new ArrayList<>(runs.keySet());
        java.util.Collections.reverse(newestFirst);
        assertThat(listed).containsExactlyElementsOf(newestFirst);
        assertThat(recorder().since(before))
                .hasSize((FIXTURES.size() + 3) / 4)
                .allMatch(e -> e.origin().equals("sdk") && e.server().equals(env.name()) && e.status() == 200);

        // The filters agree with the outcomes.
        List<UUID> failed = new ArrayList<>();
        client.runs()
                .listAutoPaging(ListRunsParams.builder()
                        .externalId(tag)
                        .status(RunStatus.FAILED)
                        .build())
                .forEach(run -> failed.add(run.getId()));
        assertThat(failed).containsExactlyElementsOf(idsWhere(runs, Fixture::failed));
        List<UUID> rejected = new ArrayList<>();
        client.runs()
                .listAutoPaging(ListRunsParams.builder()
                        .externalId(tag)
                        .decision(Decision.REJECTED)
                        .limit(1)
                        .build())
                .forEach(run -> rejected.add(run.getId()));
        assertThat(rejected).containsExactlyElementsOf(idsWhere(runs, f -> f.decision() == Decision.REJECTED));
    }

    private static List<UUID> idsWhere(Map<UUID, Fixture> runs, java.util.function.Predicate<Fixture> which) {
        List<UUID> ids = new ArrayList<>();
        runs.forEach((id, f) -> {
            if (which.test(f)) {
                ids.add(0, id);
            }
        });
        return ids;
    }

    /** Polls getRun until the run is completed or failed (the timed-out fixture takes its source's 2 s timeout). */
    private static Run awaitFinished(KycertClient client, UUID id) {
        return Await.until(
                "run " + id + " to finish",
                Duration.ofSeconds(30),
                () -> {
                    Run run = client.runs().get(id);
                    boolean finished = run.getStatus() == RunStatus.COMPLETED || run.getStatus() == RunStatus.FAILED;
                    if (!finished) {
                        assertThat(run.getDecision())
                                .as("decision of an unfinished run")
                                .isNull();
                    }
                    return run;
                },
                run -> run.getStatus() == RunStatus.COMPLETED || run.getStatus() == RunStatus.FAILED);
    }

    private static Exchange lastSdkExchange(ContractEnvironment env) {
        Exchange e = recorder().last("sdk");
        assertThat(e.server()).isEqualTo(env.name());
        assertThat(e.requestHeader("x-kycert-api-version")).hasValue(KycertClient.API_VERSION);
        return e;
    }

    private static String digits(String doc) {
        return doc.replaceAll("[./-]", "");
    }
}
