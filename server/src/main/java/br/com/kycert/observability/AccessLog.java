package br.com.kycert.observability;

import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.auth.RequestCallers;
import br.com.kycert.shared.LogMasking;
import br.com.kycert.shared.web.RequestIds;
import io.micronaut.http.HttpMethod;
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
 * The path is never logged, only the route template: a path may carry a document. Every value is the server's but a
 * non-standard method's name, masked here; the event is {@link LogMasking#PRE_MASKED}, so the log's own masking
 * does not scan it again.
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
        // The one value here a client chose: a method name outside HTTP's own may be anything (a CPF). The rest is
        // the server's (its request id, route template, problem code, ids), so the event is marked pre-masked.
        String method = request.getMethod() == HttpMethod.CUSTOM
                ? LogMasking.echo(request.getMethodName(), 20)
                : request.getMethodName();
        LOG.atInfo()
                .addMarker(LogMasking.PRE_MASKED)
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
