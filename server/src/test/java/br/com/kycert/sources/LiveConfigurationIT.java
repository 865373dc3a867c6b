package br.com.kycert.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import br.com.kycert.emulator.BureauEmulator;
import br.com.kycert.fixtures.Scenarios;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live sources' configuration: global values, a source's own values over them, and refused names. */
class LiveConfigurationIT {

    static final String CREDENTIAL = "emulator-credential-51be07";

    @Test
    void aSourceUsesItsOwnSettingsOverTheGlobalOnes() throws Exception {
        try (TestDatabase db = TestDatabase.create();
                BureauEmulator emulator = BureauEmulator.start(0, CREDENTIAL);
                TestServer server = TestServer.start(
                        db,
                        Map.of(
                                "kycert.live.enabled",
                                true,
                                "kycert.live.base-url",
                                emulator.baseUrl(),
                                "kycert.live.credential",
                                CREDENTIAL,
                                "kycert.live.retries",
                                0,
                                "kycert.live.sources.pep.credential",
                                "not-the-emulator-credential",
                                "kycert.live.sources.pep.circuit.failure-threshold",
                                1,
                                "kycert.live.sources.sanctions.base-url",
                                "http://127.0.0.1:" + emulator.port() + "/elsewhere"))) {
            LiveConnectors live = server.bean(LiveConnectors.class);
            assertThat(live.enabled()).isTrue();
            SourceQuery query = new SourceQuery(SubjectType.PF, Scenarios.CPF_PEP, "Maria", 2_000);

            assertThat(live.source("receita_cpf").orElseThrow().query(query)).containsEntry("situacao", "regular");
            // pep keeps the global base URL but sends its own credential, which the emulator refuses.
            assertThatThrownBy(() -> live.source("pep").orElseThrow().query(query))
                    .isInstanceOf(SourceFailure.class)
                    .hasMessage("pep: HTTP 401");
            assertThat(emulator.calls("pep")).isEqualTo(1);
            // pep's own threshold (1) opened its circuit; the others keep the global one (5).
            assertThat(live.circuitState("pep")).contains("open");
            assertThat(live.circuitState("receita_cpf")).contains("closed");
            // sanctions goes to its own base URL, where the emulator has no route.
            assertThatThrownBy(() -> live.source("sanctions").orElseThrow().query(query))
                    .isInstanceOf(SourceFailure.class)
                    .hasMessage("sanctions: HTTP 404");
            assertThat(emulator.calls("sanctions")).isZero();
        }
    }

    @Test
    void liveIsOffUnlessEnabledAndThenNoSourceHasAConnector() {
        try (TestDatabase db = TestDatabase.create();
                TestServer server = TestServer.start(db, Map.of("kycert.live.base-url", "http://127.0.0.1:9"))) {
            LiveConnectors live = server.bean(LiveConnectors.class);
            assertThat(live.enabled()).isFalse();
            assertThat(live.source("pep")).isEmpty();
        }
    }

    @Test
    void aSourceThatDoesNotExistStopsTheServerWithTheReason() {
        try (TestDatabase db = TestDatabase.create()) {
            Throwable refused = catchThrowable(
                    () -> TestServer.start(db, Map.of("kycert.live.sources.receita.base-url", "http://127.0.0.1:9"))
                            .close());
            Throwable root = refused;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root.getMessage())
                    .isEqualTo("kycert.live.sources.receita: no such source (sources: receita_cpf,"
                            + " pep, sanctions, ceis_cnep, lawsuits, receita_cnpj, qsa)");
        }
    }
}
