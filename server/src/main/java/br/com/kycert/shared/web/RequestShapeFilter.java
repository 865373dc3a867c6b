package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.shared.LogMasking;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.inject.MethodExecutionHandle;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Checks the shape of an API request against its operation before anything reads it, so that bad
 * input is refused by name instead of being coerced: a body must be {@code application/json}
 * (415), and each query or path parameter must be declared (no typos), single, non-empty, free of
 * NUL and of invalid UTF-8, an exact enum value, and a canonical UUID where one is expected (400).
 * Runs after authentication and the version check, as the documented check order says.
 */
@ServerFilter("/api/**")
final class RequestShapeFilter implements Ordered {

    private final ProblemRenderer problems;

    RequestShapeFilter(ProblemRenderer problems) {
        this.problems = problems;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        Map<String, Argument<?>> declared = declared(request);
        if (declared == null) {
            // No operation matched (404, or 405 for a method the path does not take): nothing to check the body
            // against.
            return null;
        }
        HttpResponse<?> media = mediaType(request);
        if (media != null) {
            return media;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String name : request.getParameters().names()) {
            String shown = LogMasking.echo(name, 40);
            Argument<?> argument = declared.get(name);
            if (argument == null) {
                errors.add(new FieldError(shown, "unknown_parameter", "This operation has no such query parameter."));
                continue;
            }
            List<String> values = request.getParameters().getAll(name);
            if (values.size() > 1) {
                errors.add(new FieldError(shown, "repeated", "Give this parameter once."));
                continue;
            }
            invalid(argument, values.get(0)).ifPresent(why -> errors.add(new FieldError(shown, "invalid", why)));
        }
        RouteAttributes.getRouteMatch(request).ifPresent(match -> {
            if (match instanceof UriRouteMatch<?, ?> uri) {
                uri.getVariableValues().forEach((name, value) -> {
                    Argument<?> argument = declared.get("{" + name + "}");
                    if (argument != null) {
                        invalid(argument, String.valueOf(value))
                                .ifPresent(why -> errors.add(new FieldError(name, "invalid", why)));
                    }
                });
            }
        });
        if (errors.isEmpty()) {
            return null;
        }
        boolean onlyUnknown = errors.stream().allMatch(e -> e.getCode().equals("unknown_parameter"));
        return problems.render(
                request,
                HttpStatus.BAD_REQUEST,
                ProblemCode.INVALID_REQUEST,
                onlyUnknown
                        ? "Unknown query parameter" + (errors.size() > 1 ? "s" : "") + ": "
                                + String.join(
                                        ", ",
                                        errors.stream()
                                                .map(FieldError::getField)
                                                .toList()) + "."
                        : "Invalid parameter" + (errors.size() > 1 ? "s" : "") + ": "
                                + String.join(
                                        ", ",
                                        errors.stream()
                                                .map(FieldError::getField)
                                                .toList()) + ".",
                errors,
                List.of());
    }

    /** Bodies are JSON, uncompressed: anything else is 415 rather than a guess. */
    @Nullable
    private HttpResponse<?> mediaType(HttpRequest<?> request) {
        if (!HttpMethod.permitsRequestBody(request.getMethod()) || request.getMethod() == HttpMethod.DELETE) {
            return null;
        }
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("identity")) {
            return problems.render(
                    request,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body uncompressed (no Content-Encoding).");
        }
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        String base = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json")) {
            return problems.render(
                    request,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ProblemCode.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json.");
        }
        return null;
    }

    private static java.util.Optional<String> invalid(Argument<?> argument, String value) {
        if (value == null || value.isEmpty()) {
            return java.util.Optional.of("Give a value, or leave the parameter out.");
        }
        if (value.indexOf('\u0000') >= 0 || value.indexOf('\uFFFD') >= 0) {
            return java.util.Optional.of("NUL characters and invalid UTF-8 are not allowed.");
        }
        Class<?> type = argument.getType();
        if (type.isEnum()) {
            List<String> allowed =
                    Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
            return allowed.contains(value)
                    ? java.util.Optional.empty()
                    : java.util.Optional.of("One of: " + String.join(", ", allowed) + ".");
        }
        if (type == UUID.class && !StrictJson.UUID_TEXT.matcher(value).matches()) {
            return java.util.Optional.of("A UUID.");
        }
        return java.util.Optional.empty();
    }

    /** The operation's parameters by HTTP name ({@code {id}} for path variables); null when not an operation. */
    private static Map<String, Argument<?>> declared(HttpRequest<?> request) {
        var match = RouteAttributes.getRouteMatch(request).orElse(null);
        Argument<?>[] arguments;
        if (match instanceof MethodExecutionHandle<?, ?> handle) {
            arguments = handle.getArguments();
        } else if (match instanceof ExecutableMethod<?, ?> method) {
            arguments = method.getArguments();
        } else {
            return null;
        }
        Map<String, Argument<?>> names = new HashMap<>();
        for (Argument<?> argument : arguments) {
            argument.getAnnotationMetadata().stringValue(QueryValue.class).ifPresent(n -> names.put(n, argument));
            argument.getAnnotationMetadata()
                    .stringValue(PathVariable.class)
                    .ifPresent(n -> names.put("{" + n + "}", argument));
        }
        return names;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
