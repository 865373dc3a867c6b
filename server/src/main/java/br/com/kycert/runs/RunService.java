package br.com.kycert.runs;

import br.com.kycert.api.model.CreateRunRequest;
import br.com.kycert.api.model.FieldError;
import br.com.kycert.api.model.ProblemCode;
import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunAnalysis;
import br.com.kycert.api.model.RunDetail;
import br.com.kycert.api.model.RunList;
import br.com.kycert.api.model.RunListObject;
import br.com.kycert.api.model.SubjectInput;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.credits.CreditService;
import br.com.kycert.rules.Grade;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.web.ApiProblemException;
import br.com.kycert.sources.SourceCatalog;
import br.com.kycert.templates.TemplateService;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creating and reading runs. Checks follow the documented order: subject type (403), then field
 * validation (422), then referenced resources (404); syntax (400) was settled when the body was read.
 */
@Singleton
public class RunService {

    /** A created (or replayed) run. */
    public record Created(Run run, boolean replayed) {}

    /** The shape of a stored idempotent request: hashed, never stored in clear. */
    private record Fingerprint(UUID templateId, SubjectType type, String doc, String name, String externalId) {}

    static final int MAX_NAME = 200;
    static final int MAX_EXTERNAL_ID = 128;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private final RunRepository runs;
    private final IdempotencyRepository idempotency;
    private final TemplateService templates;
    private final CreditService credits;
    private final RunMapper mapper;
    private final TransactionOperations<Connection> tx;
    private final Ids ids;
    private final Clock clock;
    private final Cursors cursors;

    RunService(
            RunRepository runs,
            IdempotencyRepository idempotency,
            TemplateService templates,
            CreditService credits,
            RunMapper mapper,
            TransactionOperations<Connection> tx,
            Ids ids,
            Clock clock,
            Cursors cursors) {
        this.cursors = cursors;
        this.runs = runs;
        this.idempotency = idempotency;
        this.templates = templates;
        this.credits = credits;
        this.mapper = mapper;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    public Created create(ApiPrincipal caller, CreateRunRequest request, String idempotencyKey) {
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ApiProblemException.invalidRequest(
                    "Idempotency-Key must be 1-255 printable ASCII characters with no spaces (a UUID is a good choice).",
                    List.of(new FieldError(
                            "Idempotency-Key",
                            "invalid",
                            "1-255 printable ASCII characters, no spaces or control characters.")));
        }
        SubjectInput subject = request.getSubject();
        if (subject != null
                && subject.getType() != null
                && !caller.allows(SubjectType.of(subject.getType().getValue()))) {
            throw new ApiProblemException(
                    HttpStatus.FORBIDDEN,
                    ProblemCode.SUBJECT_TYPE_NOT_ALLOWED,
                    "This key is restricted to " + caller.subjectType().value() + " subjects.");
        }
        Fingerprint fingerprint = validate(request);
        TenantScope scope = caller.scope();

        if (idempotencyKey != null) {
            Optional<Created> earlier = replay(scope, idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        var template = templates
                .find(scope.tenantId(), fingerprint.templateId())
                .orElseThrow(() -> new ApiProblemException(
                        HttpStatus.NOT_FOUND, ProblemCode.TEMPLATE_NOT_FOUND, "No template with this id exists."));
        if (template.subjectType() != fingerprint.type()) {
            throw new ApiProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    ProblemCode.VALIDATION_FAILED,
                    "The template is for " + template.subjectType().value() + " subjects but the subject is "
                            + fingerprint.type().value() + ".",
                    List.of(new FieldError(
                            "subject.type",
                            "template_subject_mismatch",
                            "The template is for " + template.subjectType().value() + " subjects.")),
                    List.of());
        }

        Instant now = clock.instant();
        UUID id = ids.next();
        List<SourceCheckEntity> checks = template.sources().stream()
                .map(s -> SourceCheckEntity.pending(
                        s.source(),
                        s.required(),
                        s.timeout_ms(),
                        SourceCatalog.of(s.source()).map(SourceCatalog::cost).orElse(0L)))
                .toList();
        long wouldCharge = checks.stream().mapToLong(SourceCheckEntity::cost).sum();
        RunEntity record = RunEntity.queued(
                id,
                scope,
                new RunEntity.Request(
                        template.id(),
                        template.version(),
                        new RunEntity.Subject(fingerprint.type(), fingerprint.doc(), fingerprint.name()),
                        fingerprint.externalId(),
                        caller.keyId()),
                wouldCharge,
                now);
        Run run = mapper.toRun(record);
        Map<String, Grade> grades = template.grades();

        if (idempotencyKey == null) {
            tx.executeWrite(status -> {
                insert(record, checks, grades);
                return null;
            });
            return new Created(run, false);
        }
        String body = mapper.write(run);
        boolean claimed = tx.executeWrite(status -> {
            insert(record, checks, grades);
            if (!idempotency.insertIfAbsent(scope, idempotencyKey, hash(fingerprint), id, body, now)) {
                // A concurrent request with the same key won: keep no second run.
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (claimed) {
            return new Created(run, false);
        }
        return replay(scope, idempotencyKey, fingerprint).orElseThrow();
    }

    /**
     * Inserts the run; a live run first reserves its full cost (402 when the balance is too low;
     * the surrounding transaction then leaves nothing behind). Sandbox runs never touch credits.
     */
    private void insert(RunEntity run, List<SourceCheckEntity> checks, Map<String, Grade> grades) {
        UUID tenantId = run.scope().tenantId();
        long cost = run.credits().wouldCharge();
        if (run.live() && cost > 0) {
            OptionalLong left = credits.reserve(tenantId, run.id(), cost);
            if (left.isEmpty()) {
                throw ApiProblemException.insufficientCredits(cost, credits.balance(tenantId));
            }
            runs.insert(run, checks);
            runs.setGrades(run.id(), grades);
            runs.setReserved(run.id(), cost);
            credits.recordReservation(tenantId, run.id(), cost, left.getAsLong());
            return;
        }
        runs.insert(run, checks);
        runs.setGrades(run.id(), grades);
    }

    private Optional<Created> replay(TenantScope scope, String key, Fingerprint fingerprint) {
        return tx.executeRead(status -> idempotency.find(scope, key)).map(stored -> {
            if (!MessageDigest.isEqual(stored.requestHash(), hash(fingerprint))) {
                throw new ApiProblemException(
                        HttpStatus.CONFLICT,
                        ProblemCode.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was used with a different request body.");
            }
            return new Created(mapper.read(stored.responseBody()), true);
        });
    }

    private Fingerprint validate(CreateRunRequest request) {
        List<FieldError> errors = new ArrayList<>();
        boolean documentError = false;
        if (request.getTemplateId() == null) {
            errors.add(new FieldError("template_id", "required", "template_id is required."));
        }
        SubjectInput subject = request.getSubject();
        String doc = null;
        String name = null;
        if (subject == null) {
            errors.add(new FieldError("subject", "required", "subject is required."));
        } else {
            if (subject.getType() == null) {
                errors.add(new FieldError("subject.type", "required", "subject.type is required (pf or pj)."));
            }
            if (subject.getDoc() == null || subject.getDoc().isBlank()) {
                errors.add(new FieldError("subject.doc", "required", "subject.doc is required."));
            } else if (subject.getDoc().length() > 32) {
                errors.add(new FieldError("subject.doc", "invalid_document", "subject.doc is too long."));
                documentError = true;
            } else if (subject.getType() != null) {
                doc = Documents.canonical(subject.getDoc());
                Optional<String> problem = switch (subject.getType()) {
                    case PF -> Documents.cpfError(doc);
                    case PJ -> Documents.cnpjError(doc);
                };
                if (problem.isPresent()) {
                    errors.add(new FieldError("subject.doc", "invalid_document", problem.get()));
                    documentError = true;
                }
            }
            name = subject.getName() == null ? null : subject.getName().strip();
            if (name == null || name.isEmpty()) {
                errors.add(new FieldError("subject.name", "required", "subject.name is required."));
            } else if (name.length() > MAX_NAME) {
                errors.add(new FieldError(
                        "subject.name", "too_long", "subject.name has at most " + MAX_NAME + " characters."));
            }
        }
        String externalId = request.getExternalId();
        if (externalId != null && (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID)) {
            errors.add(new FieldError(
                    "external_id", "invalid_length", "external_id has 1 to " + MAX_EXTERNAL_ID + " characters."));
        }
        if (!errors.isEmpty()) {
            boolean onlyDocument =
                    documentError && errors.stream().allMatch(e -> e.getField().equals("subject.doc"));
            throw new ApiProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    onlyDocument ? ProblemCode.INVALID_DOCUMENT : ProblemCode.VALIDATION_FAILED,
                    onlyDocument
                            ? "subject.doc is not a valid "
                                    + (switch (subject.getType()) {
                                        case PF -> "CPF";
                                        case PJ -> "CNPJ";
                                    })
                                    + "."
                            : "The request has invalid fields: "
                                    + String.join(
                                            ", ",
                                            errors.stream()
                                                    .map(FieldError::getField)
                                                    .toList()) + ".",
                    errors,
                    List.of());
        }
        return new Fingerprint(
                request.getTemplateId(),
                SubjectType.find(subject.getType().getValue()).orElseThrow(),
                doc,
                name,
                externalId);
    }

    private static byte[] hash(Fingerprint f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part :
                    Arrays.asList(f.templateId().toString(), f.type().value(), f.doc(), f.name(), f.externalId())) {
                byte[] bytes = part == null ? new byte[] {0} : part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Run get(ApiPrincipal caller, UUID id) {
        return mapper.toRun(visible(caller, id));
    }

    public RunAnalysis analysis(ApiPrincipal caller, UUID id) {
        RunEntity run = visible(caller, id);
        if (run.status() == RunEntity.Status.FAILED) {
            // Final: a failed run never completes, so "try again later" would loop forever.
            throw new ApiProblemException(
                    HttpStatus.CONFLICT,
                    ProblemCode.RUN_FAILED,
                    "The run failed (no source could be queried), so it has no analysis and never will. This is final:"
                            + " create a new run to check the subject again. Nothing was charged.");
        }
        if (run.status() != RunEntity.Status.COMPLETED) {
            throw new ApiProblemException(
                    HttpStatus.CONFLICT,
                    ProblemCode.RUN_NOT_COMPLETED,
                    "The run is " + run.status().value() + "; its analysis exists once it is completed.");
        }
        return mapper.toAnalysis(run, tx.executeRead(status -> runs.checks(run.id())));
    }

    public RunDetail detail(ApiPrincipal caller, UUID id) {
        RunEntity run = visible(caller, id);
        return mapper.toDetail(run, tx.executeRead(status -> runs.checks(run.id())));
    }

    public RunList list(ApiPrincipal caller, RunRepository.ListFilter requested, String cursor, int limit) {
        RunRepository.ListFilter filter = requested;
        Optional<SubjectType> restriction = caller.subjectRestriction();
        if (restriction.isPresent()) {
            SubjectType only = restriction.get();
            if (requested.subjectType() != null && requested.subjectType() != only) {
                return new RunList(RunListObject.LIST, List.of(), false, null);
            }
            filter = requested.onlyFor(only);
        }
        // Bound to what the caller asked for (not the restricted filter), so the same request continues the listing.
        RunRepository.Position after = cursor == null ? null : cursors.decode(cursor, caller.scope(), requested);
        RunRepository.ListFilter f = filter;
        List<RunEntity> rows = tx.executeRead(status -> runs.page(caller.scope(), f, after, limit + 1));
        boolean hasMore = rows.size() > limit;
        List<RunEntity> page = hasMore ? rows.subList(0, limit) : rows;
        String next = hasMore ? cursors.encode(page.get(page.size() - 1), caller.scope(), requested) : null;
        return new RunList(RunListObject.LIST, page.stream().map(mapper::toRun).toList(), hasMore, next);
    }

    /** The run if it is this caller's; another tenant's or environment's run does not exist. */
    private RunEntity visible(ApiPrincipal caller, UUID id) {
        RunEntity run = tx.executeRead(status -> runs.find(caller.scope(), id))
                .orElseThrow(() -> new ApiProblemException(
                        HttpStatus.NOT_FOUND, ProblemCode.RUN_NOT_FOUND, "No run with this id exists."));
        if (!caller.allows(run.subject().type())) {
            throw new ApiProblemException(
                    HttpStatus.FORBIDDEN,
                    ProblemCode.SUBJECT_TYPE_NOT_ALLOWED,
                    "This key is restricted to " + caller.subjectType().value() + " subjects.");
        }
        return run;
    }
}
