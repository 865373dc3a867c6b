package br.com.kycert.shared.web;

import br.com.kycert.api.model.FieldError;
import br.com.kycert.shared.LogMasking;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains why the framework could not read a request, in the API's own words: which field or
 * parameter, never the offending value (it may be personal data) and never an internal class name.
 */
final class RequestReadErrors {

    /** A 400 explanation. */
    record Explanation(br.com.kycert.api.model.ProblemCode code, String detail, List<FieldError> errors) {
        Explanation(String detail, List<FieldError> errors) {
            this(br.com.kycert.api.model.ProblemCode.INVALID_REQUEST, detail, errors);
        }
    }

    /** JSON path prefixes of the generated request types. */
    private static final Map<String, String> BODY_PATHS = Map.of(
            "CreateRunRequest", "",
            "SubjectInput", "subject.");

    private static final Pattern UNKNOWN = Pattern.compile(
            "Unknown property \\[([^\\]]{1,100})\\] encountered during deserialization of type: (\\w+)");
    private static final Pattern DECODING =
            Pattern.compile("Error decoding property \\[(\\S+) (\\w+)\\] of type \\[class [\\w.]*\\.(\\w+)\\]");
    private static final Pattern STRICT =
            Pattern.compile("Invalid value for field \\[(\\w+)\\]: ([^\\n]+?)\\s*(\\n|$)");
    private static final java.util.Set<String> SUBJECT_FIELDS = java.util.Set.of("type", "doc", "name");
    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");

    private RequestReadErrors() {}

    static Explanation explain(Throwable cause) {
        if (cause instanceof UnsatisfiedBodyRouteException) {
            return new Explanation(
                    "A JSON request body is required.",
                    List.of(new FieldError("body", "required", "Send the request as a JSON object.")));
        }
        if (cause instanceof JsonSyntaxException) {
            return new Explanation(
                    "The body is not valid JSON" + location(cause.getMessage()) + ".",
                    List.of(new FieldError("body", "malformed_json", "Not valid JSON.")));
        }
        if (cause instanceof ConversionErrorException conversion) {
            Argument<?> argument = conversion.getArgument();
            if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
                return body(String.valueOf(conversion.getMessage()));
            }
            String name = parameterName(argument);
            return new Explanation(
                    "The parameter '" + name + "' has an invalid value.",
                    List.of(new FieldError(name, "invalid", hint(argument))));
        }
        return new Explanation("The request could not be read.", List.of());
    }

    private static Explanation body(String message) {
        Matcher unknown = UNKNOWN.matcher(message);
        if (unknown.find()) {
            String field = LogMasking.echo(BODY_PATHS.getOrDefault(unknown.group(2), "") + unknown.group(1), 60);
            return new Explanation(
                    "Unknown field: " + field + ".",
                    List.of(new FieldError(field, "unknown_field", "This field is not part of the request schema.")));
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF8")) {
            return new Explanation(
                    "The body is not valid UTF-8.",
                    List.of(new FieldError("body", "invalid_encoding", "Send UTF-8 encoded JSON.")));
        }
        Matcher decoding = DECODING.matcher(message);
        if (decoding.find()) {
            String field = BODY_PATHS.getOrDefault(decoding.group(3), "") + snake(decoding.group(2));
            String allowed = enumValues(decoding.group(1));
            if (allowed != null) {
                return new Explanation(
                        "The field " + field + " must be one of: " + allowed + " (exactly, in lower case).",
                        List.of(new FieldError(field, "invalid_type", "One of: " + allowed + ".")));
            }
            return new Explanation(
                    "The field " + field + " has the wrong type or format.",
                    List.of(new FieldError(field, "invalid_type", "See the schema of this field.")));
        }
        Matcher strict = STRICT.matcher(message);
        if (strict.find()) {
            String name = snake(strict.group(1));
            // Enums are read through their creator, whose argument is "value": the request's only enum is subject.type.
            String field =
                    name.equals("value") ? "subject.type" : SUBJECT_FIELDS.contains(name) ? "subject." + name : name;
            return new Explanation(
                    "The field " + field + " is invalid: " + strict.group(2) + ".",
                    List.of(new FieldError(
                            field, "invalid_type", "Expected " + strict.group(2).replace("expected ", "") + ".")));
        }
        if (message.contains("expected START_OBJECT")) {
            return new Explanation(
                    "The body must be a JSON object.",
                    List.of(new FieldError("body", "invalid_type", "Send a JSON object.")));
        }
        return new Explanation(
                "The body does not match the request schema" + location(message) + ".",
                List.of(new FieldError("body", "invalid", "See the request schema.")));
    }

    /** The wire values of a generated enum, by its simple name; null when the type is not one. */
    private static String enumValues(String simpleName) {
        try {
            Class<?> type =
                    Class.forName("br.com.kycert.api.model." + simpleName.substring(simpleName.lastIndexOf('.') + 1));
            if (!type.isEnum()) {
                return null;
            }
            return String.join(
                    ", ",
                    java.util.Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .toList());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static String parameterName(Argument<?> argument) {
        var metadata = argument.getAnnotationMetadata();
        for (Class<? extends java.lang.annotation.Annotation> type :
                List.of(QueryValue.class, PathVariable.class, Header.class)) {
            var value = metadata.stringValue(type);
            if (value.isPresent() && !value.get().isEmpty()) {
                return value.get();
            }
        }
        return snake(argument.getName());
    }

    private static String hint(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type.isEnum()) {
            StringBuilder allowed = new StringBuilder("One of: ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                allowed.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return allowed.append('.').toString();
        }
        if (type == java.util.UUID.class) {
            return "A UUID.";
        }
        if (type == java.time.OffsetDateTime.class) {
            return "An RFC 3339 date-time, e.g. 2026-06-03T12:00:00Z.";
        }
        if (type == Integer.class || type == int.class) {
            return "An integer.";
        }
        return "See the parameter's schema.";
    }

    private static String location(String message) {
        Matcher m = LOCATION.matcher(message == null ? "" : message);
        return m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
