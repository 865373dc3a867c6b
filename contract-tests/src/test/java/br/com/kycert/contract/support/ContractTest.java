package br.com.kycert.contract.support;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of every contract test: the shared servers ({@code main} without a worker, {@code worker} with one), every
 * exchange recorded and validated against the spec.
 */
@ExtendWith(ContractExtension.class)
public abstract class ContractTest {

    /** Sandbox fixture documents of PRODUCT.md §5. */
    protected static final String CPF_CLEAR = "900.000.001-75";

    protected static final String CPF_PEP = "900.000.002-56";
    protected static final String CNPJ_ALPHANUMERIC_CLEAR = "KY.CTS.T01/0001-61";
    protected static final String CNPJ_NUMERIC_CLEAR = "90.000.001/0001-29";
    /** 900.000.001-75 with a wrong last check digit. */
    protected static final String CPF_BAD_CHECK_DIGITS = "900.000.001-76";

    protected static final String RUNS = "/api/v1/bureau/runs";
    protected static final String API_VERSION = "2026-12-01";
    /** The deprecated version, still served: exchanges it serves are validated against its own spec. */
    protected static final String OLD_API_VERSION = "2026-06-03";

    /** The server without a worker (runs stay queued unless a test completes them). */
    protected static ContractEnvironment env() {
        return ContractExtension.environment();
    }

    /** The server whose run worker processes sandbox runs to their fixture outcomes. */
    protected static ContractEnvironment workerEnv() {
        return ContractExtension.workerEnvironment();
    }

    protected static RawHttp http() {
        return env().http();
    }

    protected static World world() {
        return env().world();
    }

    protected static ContractRecorder recorder() {
        return ContractExtension.recorder();
    }

    protected static String createBody(java.util.UUID template, String type, String doc, String externalId) {
        return "{\"template_id\":\"" + template + "\",\"subject\":{\"type\":\"" + type + "\",\"doc\":\"" + doc
                + "\",\"name\":\"Fulano de Tal\"}"
                + (externalId == null ? "" : ",\"external_id\":\"" + externalId + "\"") + "}";
    }

    /** Creates a run through the API (a recorded, validated exchange) and returns its id. */
    protected static java.util.UUID createRun(
            World.Key key, java.util.UUID template, String type, String doc, String externalId) {
        RawHttp.Response r = http().post(RUNS, createBody(template, type, doc, externalId), "X-API-Key", key.secret());
        if (r.status() != 201) {
            throw new AssertionError("could not create a run: " + r.status() + " " + r.body());
        }
        return java.util.UUID.fromString(r.json().path("id").asText());
    }
}
