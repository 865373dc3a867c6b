package br.com.kycert.versions;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Serves the hand-written contract, exactly as written, at {@code /openapi.yaml}, and the contract of any published
 * version, derived from it by {@link SpecVersions}, at {@code /openapi.yaml?version=<date>}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class SpecController {

    private final byte[] spec;
    private final ProblemRenderer problems;

    SpecController(ProblemRenderer problems) {
        this.problems = problems;
        this.spec = SpecVersions.render(ApiVersionCatalog.latest()).orElseThrow();
    }

    /** The latest contract as written; with {@code ?version=}, the contract of that published version. */
    @Get("/openapi.yaml{?version}")
    @Produces("application/yaml")
    HttpResponse<?> spec(HttpRequest<?> request, @Nullable @QueryValue String version) {
        if (version == null) {
            return HttpResponse.ok(spec);
        }
        return SpecVersions.render(version.strip())
                .<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> problems.render(
                        request,
                        HttpStatus.BAD_REQUEST,
                        ProblemCode.INVALID_API_VERSION,
                        "Unknown API version. Supported: " + String.join(", ", ApiVersionCatalog.versions()) + "."));
    }
}
