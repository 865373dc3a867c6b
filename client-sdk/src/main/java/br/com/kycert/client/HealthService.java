package br.com.kycert.client;

import br.com.kycert.client.api.HealthApi;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.model.Health;

/**
 * The server's health probes, which need no scope: readiness ({@code GET /health}, 200 while the server can reach
 * its database, 503 {@code service_unavailable} while it cannot) and liveness ({@code GET /health/liveness}, 200
 * whenever it serves HTTP). Obtained from {@link KycertClient#health()}; thread-safe. Useful to check a base URL
 * before the first run; a load balancer should probe the paths directly.
 */
public final class HealthService {

    private final ApiRequestor requestor;

    HealthService(ApiRequestor requestor) {
        this.requestor = requestor;
    }

    /**
     * Readiness: whether the server can serve requests now.
     *
     * @return {@code status: up}
     * @throws KycertException on failure, e.g. a {@link br.com.kycert.client.exception.ApiServerException} with
     *     status 503 while the server cannot reach its database
     */
    public Health readiness() {
        return readinessWithResponse(RequestOptions.none()).data();
    }

    /**
     * Readiness, with the response's metadata.
     *
     * @param options overrides for this request; {@code null} means none
     * @return {@code status: up} and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<Health> readinessWithResponse(RequestOptions options) {
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new HealthApi(api).getHealthWithHttpInfo(null, headers));
    }

    /**
     * Liveness: whether the server process serves HTTP at all (it asks nothing of its database).
     *
     * @return {@code status: up}
     * @throws KycertException on failure
     */
    public Health liveness() {
        return livenessWithResponse(RequestOptions.none()).data();
    }

    /**
     * Liveness, with the response's metadata.
     *
     * @param options overrides for this request; {@code null} means none
     * @return {@code status: up} and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<Health> livenessWithResponse(RequestOptions options) {
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new HealthApi(api).getLivenessWithHttpInfo(null, headers));
    }
}
