package br.com.kycert.shared.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Clients that prefer HTML (a browser, an {@code Accept: text/html} header) get the same problem
 * as everyone else: this API has no HTML error pages.
 */
@Singleton
@Replaces(HtmlErrorResponseBodyProvider.class)
final class ProblemForHtmlClientsBodyProvider implements HtmlErrorResponseBodyProvider {

    private final ProblemErrorBodyProvider problems;
    private final ObjectMapper json;

    ProblemForHtmlClientsBodyProvider(ProblemErrorBodyProvider problems, ObjectMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public String body(ErrorContext context, HttpResponse<?> response) {
        try {
            return json.writeValueAsString(problems.body(context, response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String contentType() {
        return ProblemRenderer.PROBLEM_JSON;
    }
}
