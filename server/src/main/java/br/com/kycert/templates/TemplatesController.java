package br.com.kycert.templates;

import br.com.kycert.api.TemplatesApi;
import br.com.kycert.api.model.ApiVersion;
import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.api.model.RunListObject;
import br.com.kycert.api.model.SubjectType;
import br.com.kycert.api.model.Template;
import br.com.kycert.api.model.TemplateList;
import br.com.kycert.api.model.TemplateObject;
import br.com.kycert.api.model.TemplateRule;
import br.com.kycert.api.model.TemplateRuleOutcome;
import br.com.kycert.api.model.TemplateSource;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.rules.DecisionRules;
import br.com.kycert.shared.jdbc.Sql;
import br.com.kycert.shared.web.ApiProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.utils.SecurityService;
import java.util.List;
import java.util.UUID;

/**
 * The template reads; routes, scopes ({@code runs:write} or {@code runs:read}) and parameters come from the
 * generated {@link TemplatesApi}. Templates belong to the tenant, not to an environment.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class TemplatesController implements TemplatesApi {

    private final TemplateService templates;
    private final SecurityService security;
    private final TemplateCursors cursors;

    TemplatesController(TemplateService templates, SecurityService security, TemplateCursors cursors) {
        this.templates = templates;
        this.security = security;
        this.cursors = cursors;
    }

    @Override
    public HttpResponse<TemplateList> listTemplates(ApiVersion version, Integer limit, String cursor) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ApiProblemException.invalidRequest(
                    "limit must be between 1 and 100.",
                    List.of(new FieldError("limit", "out_of_range", "Between 1 and 100.")));
        }
        if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
            throw TemplateCursors.invalid();
        }
        ApiPrincipal caller = caller();
        String subjectType = caller.subjectRestriction().map(t -> t.value()).orElse(null);
        TemplateService.Position after = cursor == null ? null : cursors.decode(cursor, caller.tenantId(), subjectType);
        List<TemplateService.Template> rows = templates.page(caller.tenantId(), subjectType, after, size + 1);
        boolean hasMore = rows.size() > size;
        List<TemplateService.Template> page = hasMore ? rows.subList(0, size) : rows;
        String next = hasMore ? cursors.encode(page.get(page.size() - 1), caller.tenantId(), subjectType) : null;
        return HttpResponse.ok(new TemplateList(
                RunListObject.LIST, page.stream().map(this::toDto).toList(), hasMore, next));
    }

    @Override
    public HttpResponse<Template> getTemplate(UUID id, ApiVersion version) {
        ApiPrincipal caller = caller();
        TemplateService.Template template = templates
                .find(caller.tenantId(), id)
                .orElseThrow(() -> new ApiProblemException(
                        HttpStatus.NOT_FOUND, ProblemCode.TEMPLATE_NOT_FOUND, "No template with this id exists."));
        if (!caller.allows(template.subjectType())) {
            throw new ApiProblemException(
                    HttpStatus.FORBIDDEN,
                    ProblemCode.SUBJECT_TYPE_NOT_ALLOWED,
                    "This key is restricted to " + caller.subjectType().value() + " subjects.");
        }
        return HttpResponse.ok(toDto(template));
    }

    private Template toDto(TemplateService.Template t) {
        List<TemplateSource> sources = t.sources().stream()
                .map(s -> new TemplateSource(s.source(), s.required(), s.timeout_ms()))
                .toList();
        List<TemplateRule> rules = DecisionRules.inForce(
                        t.sources().stream()
                                .map(TemplateService.TemplateSource::source)
                                .toList(),
                        templates.ruleOutcomes(t))
                .stream()
                .map(r -> new TemplateRule(r.rule(), r.source(), TemplateRuleOutcome.fromValue(r.outcome())))
                .toList();
        return new Template(
                t.id(),
                TemplateObject.TEMPLATE,
                t.name(),
                SubjectType.fromValue(t.subjectType().value()),
                t.revision().version(),
                sources,
                rules,
                Sql.utc(t.revision().createdAt()),
                Sql.utc(t.revision().updatedAt()));
    }

    private ApiPrincipal caller() {
        return ApiPrincipal.of(security.getAuthentication().orElseThrow());
    }
}
