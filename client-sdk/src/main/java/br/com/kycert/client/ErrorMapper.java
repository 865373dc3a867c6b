package br.com.kycert.client;

import br.com.kycert.client.exception.ApiConnectionException;
import br.com.kycert.client.exception.ApiServerException;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.exception.ConflictException;
import br.com.kycert.client.exception.FieldError;
import br.com.kycert.client.exception.IdempotencyException;
import br.com.kycert.client.exception.InsufficientCreditsException;
import br.com.kycert.client.exception.InvalidRequestException;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.exception.PermissionException;
import br.com.kycert.client.exception.ProblemDetails;
import br.com.kycert.client.exception.RateLimitException;
import br.com.kycert.client.exception.RunFailedException;
import br.com.kycert.client.invoker.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the generated client's one {@link ApiException} (status, raw body, headers) into the SDK's typed
 * exceptions. The only place that chooses an exception class.
 */
final class ErrorMapper {

    static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";
    static final String RUN_FAILED = "run_failed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMapper() {}

    /**
     * @param failure what the generated client threw
     * @param baseUrl where the request went, for connection-failure messages
     */
    static KycertException map(ApiException failure, String baseUrl) {
        int status = failure.getCode();
        if (status == 0) {
            return noResponse(failure, baseUrl);
        }
        ProblemDetails problem = parse(status, failure.getResponseBody(), failure.getResponseHeaders());
        return switch (status) {
            case 401 -> new AuthenticationException(problem);
            case 402 ->
                new InsufficientCreditsException(
                        problem,
                        number(failure.getResponseBody(), "required"),
                        number(failure.getResponseBody(), "remaining"));
            case 403 -> new PermissionException(problem);
            case 404 -> new NotFoundException(problem);
            case 409 ->
                switch (String.valueOf(problem.code())) {
                    case IDEMPOTENCY_KEY_REUSED -> new IdempotencyException(problem);
                    case RUN_FAILED -> new RunFailedException(problem);
                    default -> new ConflictException(problem);
                };
            case 429 ->
                new RateLimitException(
                        problem,
                        RetryAfter.parse(failure.getResponseHeaders()).orElse(null),
                        RateLimit.fromHeaders(failure.getResponseHeaders()).orElse(null));
            // 400, 405, 406, 413, 415, 422 and any other 4xx: the request must change.
            default ->
                status >= 500
                        ? new ApiServerException(problem)
                        : status >= 400 ? new InvalidRequestException(problem) : new KycertException(problem);
        };
    }

    private static Long number(String body, String field) {
        try {
            var value = JSON.readTree(body == null ? "" : body).get(field);
            return value != null && value.canConvertToLong() ? value.asLong() : null;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static KycertException noResponse(ApiException failure, String baseUrl) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof JsonProcessingException) {
            return new KycertException(
                    "kycert answered with a body the SDK could not decode: " + cause.getMessage(), null, cause);
        }
        if (cause instanceof InterruptedException) {
            return new ApiConnectionException("Interrupted while waiting for kycert at " + baseUrl, cause);
        }
        String why = cause instanceof HttpTimeoutException
                ? "timed out (" + cause.getMessage() + ")"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new ApiConnectionException("Could not get a response from kycert at " + baseUrl + ": " + why, cause);
    }

    /**
     * Reads a problem+json body with the tree model, leniently: unknown fields and codes are ignored, fields of an
     * unexpected type are skipped, and a body that is empty, not JSON or not an object yields status-only details.
     */
    static ProblemDetails parse(int status, String body, HttpHeaders headers) {
        String headerRequestId =
                headers == null ? null : headers.firstValue("X-Request-Id").orElse(null);
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            return ProblemDetails.statusOnly(status, headerRequestId, body);
        }
        String requestId = text(root, "request_id");
        return new ProblemDetails(
                status,
                text(root, "code"),
                text(root, "type"),
                text(root, "title"),
                text(root, "detail"),
                requestId != null ? requestId : headerRequestId,
                strings(root.get("required_scopes")),
                fieldErrors(root.get("errors")),
                body);
    }

    private static JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                if (item.isValueNode() && !item.isNull()) {
                    out.add(item.asText());
                }
            }
        }
        return out;
    }

    private static List<FieldError> fieldErrors(JsonNode array) {
        List<FieldError> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                if (item.isObject()) {
                    out.add(new FieldError(text(item, "field"), text(item, "code"), text(item, "message")));
                }
            }
        }
        return out;
    }
}
