package br.com.kycert.observability;

import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.auth.RequestCallers;
import br.com.kycert.shared.LogMasking;
import br.com.kycert.shared.web.RequestIds;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log event per request on the logger {@code kycert.access}: request id, method, route template, status,
 * problem code, duration, and the tenant and key id of an API key caller (never the key). The values are key-value
 * pairs of the event, so the JSON format has them as fields; the message says the same for the plain format.
 * logback.xml writes this logger through an asynchronous appender: the event loop never waits for the console.
 * The path is never logged, only the route template: a path may carry a document.
 */
@Singleton
final class AccessLog {

    static final String LOGGER = "kycert.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final boolean enabled;

    AccessLog(AccessLogConfiguration config) {
        this.enabled = config.enabled();
    }

    /** Milliseconds with one decimal ({@code 12.3}), as {@code %.1f} would print them but without a Formatter. */
    static String tenths(long micros) {
        long tenths = (micros + 50) / 100;
        return (tenths / 10) + "." + (tenths % 10);
    }

    void log(HttpRequest<?> request, String route, int status, String code, long nanos) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        Optional<ApiPrincipal> caller = RequestCallers.principal(request);
        String tenant = caller.map(p -> p.tenantId().toString()).orElse(null);
        String key = caller.map(p -> p.keyId().toString()).orElse(null);
        String requestId = RequestIds.of(request);
        long micros = nanos / 1_000;
        String method = LogMasking.bounded(request.getMethodName(), 20);
        LOG.atInfo()
                .addKeyValue("request_id", requestId)
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("code", code)
                .addKeyValue("duration_ms", micros / 1000.0)
                .addKeyValue("tenant_id", tenant)
                .addKeyValue("key_id", key)
                .log(
                        "{} {} {} {} {} ms{}",
                        requestId,
                        method,
                        route,
                        status,
                        tenths(micros),
                        key == null ? "" : " tenant " + tenant + " key " + key);
    }
}
