package br.com.kycert.versions;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.web.ApiVersions;
import br.com.kycert.shared.web.ProblemRenderer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Serves requests pinned to an older version: the controllers produce the latest shape, and this filter runs a
 * success body through every {@link VersionChange} newer than the pinned version, newest first. Responses of a
 * deprecated version carry {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594) and a {@code Link} to the
 * changelog; after its sunset a version is refused with 400 {@code invalid_api_version}. Problems are the same in
 * every version and are never translated.
 */
@ServerFilter("/api/**")
final class VersionFilter implements Ordered {

    static final String CHANGELOG = "/docs/changelog.html";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private final JsonMapper json;
    private final ProblemRenderer problems;
    private final Clock clock;

    VersionFilter(JsonMapper json, ProblemRenderer problems, Clock clock) {
        this.json = json;
        this.problems = problems;
        this.clock = clock;
    }

    /** The version serving the request: the pinned one, or the latest when none is pinned. */
    static String served(HttpRequest<?> request) {
        String requested = request.getHeaders().get(ApiVersions.HEADER);
        return requested == null ? ApiVersionCatalog.latest() : requested.trim();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refusePastSunset(HttpRequest<?> request) {
        String version = served(request);
        if (ApiVersionCatalog.versions().contains(version)
                && !ApiVersionCatalog.servable(version, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            List<String> servable = ApiVersionCatalog.versions().stream()
                    .filter(v -> ApiVersionCatalog.servable(v, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)))
                    .toList();
            return problems.render(
                    request,
                    HttpStatus.BAD_REQUEST,
                    ProblemCode.INVALID_API_VERSION,
                    "API version " + version + " passed its sunset date. Supported: " + String.join(", ", servable)
                            + ".");
        }
        return null;
    }

    @ResponseFilter
    void render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String version = served(request);
        if (!ApiVersionCatalog.versions().contains(version) || version.equals(ApiVersionCatalog.latest())) {
            return;
        }
        ApiVersionCatalog.deprecation(version).ifPresent(d -> {
            response.header(
                    "Deprecation",
                    "@" + d.deprecatedOn().atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            response.header("Sunset", HTTP_DATE.format(d.sunsetOn().atStartOfDay(ZoneOffset.UTC)));
            response.header("Link", "<" + CHANGELOG + ">; rel=\"deprecation\"; type=\"text/html\"");
        });
        if (response.getStatus().getCode() >= 300 || response.getBody().isEmpty()) {
            return;
        }
        String operation = RouteAttributes.getRouteMatch(request)
                .filter(MethodBasedRouteMatch.class::isInstance)
                .map(m -> ((MethodBasedRouteMatch<?, ?>) m).getMethodName())
                .orElse(null);
        if (operation == null) {
            return;
        }
        List<VersionChange> chain = ApiVersionCatalog.changesAfter(version);
        if (chain.isEmpty()) {
            return;
        }
        try {
            Object body =
                    json.readValue(json.writeValueAsBytes(response.getBody().get()), Argument.OBJECT_ARGUMENT);
            for (VersionChange change : chain) {
                change.downgradeResponse(operation, body);
            }
            ((MutableHttpResponse<Object>) response).body(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        // After ApiVersionFilter (SECURITY.after()), which refuses unknown versions, and RequestShapeFilter (+10).
        return ServerFilterPhase.SECURITY.after() + 20;
    }
}
