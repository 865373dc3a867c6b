package br.com.kycert.health;

import br.com.kycert.api.HealthApi;
import br.com.kycert.api.model.ApiVersion;
import br.com.kycert.api.model.Health;
import br.com.kycert.api.model.HealthStatus;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;

/**
 * The probes of the spec's {@code Health} tag. Both run on the event loop: readiness reads the state
 * {@link Readiness} keeps, liveness nothing at all, so neither does I/O or waits for a thread.
 */
@Controller
@Requires(notEnv = "cli")
class HealthController implements HealthApi {

    /** Seconds a load balancer should wait before asking again: the readiness check runs every second. */
    static final int RETRY_AFTER_SECONDS = 1;

    private static final Health UP = new Health(HealthStatus.UP);

    private final Readiness readiness;
    private final ProblemRenderer problems;

    HealthController(Readiness readiness, ProblemRenderer problems) {
        this.readiness = readiness;
        this.problems = problems;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public HttpResponse<Health> getHealth(@Nullable ApiVersion version) {
        if (readiness.ready()) {
            return HttpResponse.ok(UP);
        }
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElseThrow();
        // A problem body on an operation typed for its 200: the generated signature has one body type.
        return (HttpResponse) problems.render(
                        request,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        ProblemCode.SERVICE_UNAVAILABLE,
                        "This node cannot reach its database right now. Retry after " + RETRY_AFTER_SECONDS
                                + " second.")
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }

    @Override
    public HttpResponse<Health> getLiveness(@Nullable ApiVersion version) {
        return HttpResponse.ok(UP);
    }
}
