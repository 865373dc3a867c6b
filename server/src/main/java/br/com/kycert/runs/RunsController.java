package br.com.kycert.runs;

import br.com.kycert.api.RunsApi;
import br.com.kycert.api.model.ApiVersion;
import br.com.kycert.api.model.CreateRunRequest;
import br.com.kycert.api.model.Decision;
import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunAnalysis;
import br.com.kycert.api.model.RunDetail;
import br.com.kycert.api.model.RunList;
import br.com.kycert.api.model.RunStatus;
import br.com.kycert.api.model.SubjectType;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.shared.web.ApiProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.utils.SecurityService;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The runs endpoints; routes, scopes and parameters come from the generated {@link RunsApi}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class RunsController implements RunsApi {

    static final String RUNS_PATH = "/api/v1/bureau/runs";

    /** The Idempotency-Key header's syntax, checked first, before any rule of the run itself. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final RunService runs;
    private final SecurityService security;

    RunsController(RunService runs, SecurityService security) {
        this.runs = runs;
        this.security = security;
    }

    @Override
    public HttpResponse<Run> createRun(CreateRunRequest createRunRequest, ApiVersion version, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiProblemException.invalidRequest(
                    "Idempotency-Key must be 1-255 printable ASCII characters with no spaces (a UUID is a good choice).",
                    List.of(new FieldError(
                            "Idempotency-Key",
                            "invalid",
                            "1-255 printable ASCII characters, no spaces or control characters.")));
        }
        RunService.Created created = runs.create(caller(), createRunRequest, idempotencyKey);
        MutableHttpResponse<Run> response = HttpResponse.created(
                created.run(), URI.create(RUNS_PATH + "/" + created.run().getId()));
        if (created.replayed()) {
            response.header("Idempotency-Replayed", "true");
        }
        return response;
    }

    @Override
    public HttpResponse<Run> getRun(UUID id, ApiVersion version) {
        return HttpResponse.ok(runs.get(caller(), id));
    }

    @Override
    public HttpResponse<RunAnalysis> getRunAnalysis(UUID id, ApiVersion version) {
        return HttpResponse.ok(runs.analysis(caller(), id));
    }

    @Override
    public HttpResponse<RunDetail> getRunDetail(UUID id, ApiVersion version) {
        return HttpResponse.ok(runs.detail(caller(), id));
    }

    @Override
    public HttpResponse<RunList> listRuns(
            ApiVersion version,
            Integer limit,
            String cursor,
            RunStatus status,
            Decision decision,
            String externalId,
            UUID templateId,
            SubjectType subjectType,
            OffsetDateTime createdAfter,
            OffsetDateTime createdBefore) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ApiProblemException.invalidRequest(
                    "limit must be between 1 and 100.",
                    List.of(new FieldError("limit", "out_of_range", "Between 1 and 100.")));
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
            throw Cursors.invalid();
        }
        if (externalId != null && (externalId.isEmpty() || externalId.length() > RunService.MAX_EXTERNAL_ID)) {
            throw ApiProblemException.invalidRequest(
                    "external_id has 1 to 128 characters.",
                    List.of(new FieldError("external_id", "invalid_length", "Between 1 and 128 characters.")));
        }
        var filter =
                RunMapper.filter(status, decision, externalId, templateId, subjectType, createdAfter, createdBefore);
        return HttpResponse.ok(runs.list(caller(), filter, cursor, size));
    }

    private ApiPrincipal caller() {
        return ApiPrincipal.of(security.getAuthentication().orElseThrow());
    }
}
