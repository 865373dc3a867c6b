package br.com.kycert.shared.web;

import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.LogMasking;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every problem's {@code type} ({@code /problems/<code>}) resolve to the documentation of its code, without a
 * key: a browser (an {@code Accept} that prefers {@code text/html}) is sent with 303 to the code's page of the docs
 * site ({@code /docs/error-<code>.html}); any other client gets the same documentation as {@code application/json}
 * (a description of the problem type, not a problem). An unknown code is a 404 problem. The text comes from the
 * errors guide, through the docs site's {@code problem-types.json}: one source for the guide, the pages and this.
 */
@Controller("/problems")
@Secured(SecurityRule.IS_ANONYMOUS)
final class ProblemTypesController {

    static final String TYPES_RESOURCE = "/docs/site/problem-types.json";

    /** The documentation of one problem type, as JSON clients get it. */
    @Serdeable
    record ProblemType(
            String type,
            String code,
            String title,
            int status,
            @JsonUnwrapped Guidance guidance) {

        /** The problem type of {@code code}, documented by {@code guidance}. */
        static ProblemType of(ProblemCode code, int status, Guidance guidance) {
            return new ProblemType(
                    "/problems/" + code.getValue(),
                    code.getValue(),
                    ProblemRenderer.title(code, code.getValue()),
                    status,
                    guidance);
        }
    }

    /**
     * What the docs say about a problem type (flattened into the type's JSON).
     *
     * @param documentation the path of its page in the docs
     */
    @Serdeable
    record Guidance(
            @JsonProperty("applies_to") String appliesTo,
            String summary,
            String retry,
            String description,
            String documentation) {}

    private final Map<String, ProblemType> types = new HashMap<>();
    private final ProblemRenderer problems;

    ProblemTypesController(ProblemRenderer problems, JsonMapper json) {
        this.problems = problems;
        JsonNode documented;
        try (InputStream in = ProblemTypesController.class.getResourceAsStream(TYPES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TYPES_RESOURCE + " is missing from the classpath (the docs module)");
            }
            documented = json.readValue(in.readAllBytes(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ProblemCode code : ProblemCode.values()) {
            JsonNode doc = documented.get(code.getValue());
            if (doc == null) {
                throw new IllegalStateException("errors.md documents no problem code " + code.getValue());
            }
            types.put(
                    code.getValue(),
                    ProblemType.of(
                            code,
                            doc.get("status").getIntValue(),
                            new Guidance(
                                    doc.get("applies_to").getStringValue(),
                                    doc.get("summary").getStringValue(),
                                    doc.get("retry").getStringValue(),
                                    doc.get("description").getStringValue(),
                                    "/docs/" + doc.get("page").getStringValue())));
        }
    }

    @Get("/{code}")
    // Negotiated here (application/*, q-values): the router matches neither.
    @Produces(MediaType.ALL)
    HttpResponse<?> type(@PathVariable String code, HttpRequest<?> request) {
        ProblemType type = types.get(code);
        if (type == null) {
            return problems.render(
                    request,
                    HttpStatus.NOT_FOUND,
                    ProblemCode.ROUTE_NOT_FOUND,
                    "There is no problem type " + LogMasking.echo(code, 64)
                            + ". Every code is listed at /docs/errors.html#all-codes.");
        }
        List<String> accept = request.getHeaders().getAll(HttpHeaders.ACCEPT);
        double html = accept.isEmpty() ? 0 : Negotiation.quality(accept, "text", "html");
        double json = Math.max(
                Negotiation.quality(accept, "application", "json"),
                Negotiation.quality(accept, "application", "problem+json"));
        if (html <= 0 && json <= 0) {
            return problems.render(
                            request,
                            HttpStatus.NOT_ACCEPTABLE,
                            ProblemCode.NOT_ACCEPTABLE,
                            "A problem type is documented as text/html (a page of the docs) or application/json;"
                                    + " your Accept header rules out both.")
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        }
        if (html > json) {
            return HttpResponse.status(HttpStatus.SEE_OTHER)
                    .header(
                            HttpHeaders.LOCATION,
                            URI.create(type.guidance().documentation()).toString())
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        }
        return HttpResponse.ok(type)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
    }
}
