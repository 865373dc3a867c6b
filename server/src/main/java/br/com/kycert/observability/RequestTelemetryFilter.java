package br.com.kycert.observability;

import br.com.kycert.api.model.Problem;
import br.com.kycert.auth.RequestCallers;
import br.com.kycert.keys.KeyRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request and counts it by route template, method, status and problem code
 * ({@code kycert.http.server.requests}), and counts refused API keys by reason ({@code kycert.auth.refusals}). In
 * memory only: no I/O and no lock on the event loop; the route is the template ({@code /api/v1/bureau/runs/{id}}),
 * never the path, so a client cannot create series.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestTelemetryFilter implements Ordered {

    static final String REQUESTS = "kycert.http.server.requests";
    static final String REFUSALS = "kycert.auth.refusals";
    /** Routes the router did not match (unknown paths, static files): one series, whatever the path. */
    static final String NO_ROUTE = "none";

    private static final String STARTED = "kycert.telemetry.started";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Map<KeyRefusal, Counter> refusals = new EnumMap<>(KeyRefusal.class);
    private final AccessLog accessLog;

    /** The timers met so far: Micrometer's registry would otherwise build and look up a tagged id per request. */
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    /** One series of {@link #REQUESTS}: few (routes × methods × statuses × codes), all bounded. */
    private record Series(String route, String method, int status, String code) {}

    RequestTelemetryFilter(MeterRegistry registry, AccessLog accessLog) {
        this.registry = registry;
        this.accessLog = accessLog;
        for (KeyRefusal reason : KeyRefusal.values()) {
            refusals.put(
                    reason,
                    Counter.builder(REFUSALS)
                            .description("Requests refused with 401 because of their API key, by reason")
                            .tag("reason", reason.value())
                            .register(registry));
        }
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        long nanos = System.nanoTime() - started;
        String route = BasicHttpAttributes.getUriTemplate(request).orElse(NO_ROUTE);
        int status = response.code();
        String code = response.getBody()
                .filter(Problem.class::isInstance)
                .map(b -> ((Problem) b).getCode().getValue())
                .orElse("none");
        timers.computeIfAbsent(new Series(route, request.getMethod().name(), status, code), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (status == 401) {
            RequestCallers.refusal(request).map(refusals::get).ifPresent(Counter::increment);
        }
        accessLog.log(request, route, status, code, nanos);
    }

    private Timer timer(Series series) {
        return Timer.builder(REQUESTS)
                .description("HTTP requests by route template, method, status and problem code")
                .tag("route", series.route())
                .tag("method", series.method())
                .tag("status", Integer.toString(series.status()))
                .tag("code", series.code())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
