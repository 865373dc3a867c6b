package br.com.kycert.shared;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.MethodExecutionHandle;
import io.micronaut.web.router.RouteAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Query parameters the operation does not declare are refused with 400, naming them: a typo such as
 * {@code ?stauts=queued} must not silently list everything. Runs after authentication and the
 * version check, as the documented check order says.
 */
@ServerFilter("/api/**")
final class UnknownQueryParameterFilter implements Ordered {

    private final ProblemRenderer problems;

    UnknownQueryParameterFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return null;
        }
        Set<String> declared = declared(request);
        if (declared == null) {
            return null;
        }
        List<FieldError> unknown = new ArrayList<>();
        for (String name : request.getParameters().names()) {
            if (!declared.contains(name)) {
                String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
                unknown.add(new FieldError(shown, "unknown_parameter", "This operation has no such query parameter."));
            }
        }
        if (unknown.isEmpty()) {
            return null;
        }
        return problems.render(request, HttpStatus.BAD_REQUEST, ProblemCode.INVALID_REQUEST,
                "Unknown query parameter" + (unknown.size() > 1 ? "s" : "") + ": "
                        + String.join(", ", unknown.stream().map(FieldError::getField).toList()) + ".",
                unknown, List.of());
    }

    private static Set<String> declared(HttpRequest<?> request) {
        var match = RouteAttributes.getRouteMatch(request).orElse(null);
        Argument<?>[] arguments;
        if (match instanceof MethodExecutionHandle<?, ?> handle) {
            arguments = handle.getArguments();
        } else if (match instanceof ExecutableMethod<?, ?> method) {
            arguments = method.getArguments();
        } else {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (Argument<?> argument : arguments) {
            argument.getAnnotationMetadata().stringValue(QueryValue.class).ifPresent(names::add);
        }
        return names;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
