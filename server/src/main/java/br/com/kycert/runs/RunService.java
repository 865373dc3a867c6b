package br.com.kycert.runs;

import br.com.kycert.api.model.CreateRunRequest;
import br.com.kycert.api.model.Run;
import br.com.kycert.api.model.RunAnalysis;
import br.com.kycert.api.model.RunDetail;
import br.com.kycert.api.model.RunList;
import br.com.kycert.api.model.RunListObject;
import br.com.kycert.api.model.SubjectInput;
import br.com.kycert.auth.ApiPrincipal;
import br.com.kycert.credits.CreditService;
import br.com.kycert.rules.Grade;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Fault;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.TenantScope;
import br.com.kycert.shared.jdbc.Autocommit;
import br.com.kycert.sources.SourceCatalog;
import br.com.kycert.templates.TemplateService;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Creating and reading runs. Checks follow the documented order: subject type (403), then field
 * validation (422), then referenced resources (404); syntax (400), the Idempotency-Key header's
 * included, was settled when the request was read. Refusals are {@link RunRefusal}s (or
 * {@link DomainException#notFound}), worded by the front end.
 */
@Singleton
public class RunService {

    /** A created (or replayed) run. */
    public record Created(Run run, boolean replayed) {}

    /** The shape of a stored idempotent request: hashed, never stored in clear. */
    private record Fingerprint(UUID templateId, SubjectType type, String doc, String name, String externalId) {}

    static final int MAX_NAME = 200;
    static final int MAX_EXTERNAL_ID = 128;
    static final int MAX_DOC = 32;

    private final RunRepository runs;
    private final IdempotencyRepository idempotency;
    private final TemplateService templates;
    private final CreditService credits;
    private final RunMapper mapper;
    private final TransactionOperations<Connection> tx;
    private final Ids ids;
    private final Clock clock;
    private final Cursors cursors;
    private final FinishedRunCache finished;
    private final Autocommit autocommit;

    RunService(
            RunRepository runs,
            IdempotencyRepository idempotency,
            TemplateService templates,
            CreditService credits,
            RunMapper mapper,
            TransactionOperations<Connection> tx,
            Ids ids,
            Clock clock,
            Cursors cursors,
            FinishedRunCache finished,
            Autocommit autocommit) {
        this.cursors = cursors;
        this.finished = finished;
        this.autocommit = autocommit;
        this.runs = runs;
        this.idempotency = idempotency;
        this.templates = templates;
        this.credits = credits;
        this.mapper = mapper;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates a run, or replays the one an earlier request with the same (well-formed) idempotency key created. */
    public Created create(ApiPrincipal caller, CreateRunRequest request, String idempotencyKey) {
        SubjectInput subject = request.getSubject();
        if (subject != null && subject.getType() != null) {
            SubjectType presented = SubjectType.of(subject.getType().getValue());
            if (!caller.allows(presented)) {
                throw RunRefusal.subjectTypeNotAllowed(caller.subjectType(), presented);
            }
        }
        Fingerprint fingerprint = validate(request);
        TenantScope scope = caller.scope();

        if (idempotencyKey != null) {
            Optional<Created> earlier = replay(scope, idempotencyKey, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        // The template as this node holds it; the insert checks it is still the stored version, and when it is not
        // (changed on another node since), the run is planned again from the template as it is now. Each pass but the
        // first reads the template from the database, so another pass needs another change committed in the
        // microseconds between that read and the insert.
        while (true) {
            var template = templates
                    .current(scope.tenantId(), fingerprint.templateId())
                    .orElseThrow(() -> DomainException.notFound("template", fingerprint.templateId()));
            if (template.subjectType() != fingerprint.type()) {
                throw RunRefusal.templateSubjectMismatch(template.subjectType(), fingerprint.type());
            }
            try {
                return createFrom(template, caller, fingerprint, idempotencyKey);
            } catch (StaleTemplate stale) {
                templates.forget(scope.tenantId(), template.id());
            }
        }
    }

    /** The insert found the template at another version than the one the run was planned from. */
    private static final class StaleTemplate extends RuntimeException {
        StaleTemplate() {
            super(null, null, false, false);
        }
    }

    /** Plans the run from {@code template} and writes it; {@link StaleTemplate} when the template has moved on. */
    private Created createFrom(
            TemplateService.Template template, ApiPrincipal caller, Fingerprint fingerprint, String idempotencyKey) {
        TenantScope scope = caller.scope();
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
                        template.revision().version(),
                        new RunEntity.Subject(fingerprint.type(), fingerprint.doc(), fingerprint.name()),
                        fingerprint.externalId(),
                        caller.keyId()),
                wouldCharge,
                now);
        Run run = mapper.toRun(record);
        Map<String, Grade> grades = template.grades();

        if (idempotencyKey == null) {
            if (record.reservesCredits()) {
                tx.executeWrite(status -> {
                    insert(record, checks, grades);
                    return null;
                });
            } else {
                // No credits to reserve: the run is one statement, atomic without a transaction around it.
                autocommit.write(() -> {
                    insert(record, checks, grades);
                    return null;
                });
            }
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
        if (run.reservesCredits()) {
            OptionalLong left = credits.reserve(tenantId, run.id(), cost);
            if (left.isEmpty()) {
                throw RunRefusal.insufficientCredits(cost, credits.balance(tenantId));
            }
            if (!runs.insert(run, checks, grades, cost)) {
                throw new StaleTemplate(); // rolls the reservation back
            }
            credits.recordReservation(tenantId, run.id(), cost, left.getAsLong());
            return;
        }
        if (!runs.insert(run, checks, grades, 0)) {
            throw new StaleTemplate();
        }
    }

    private Optional<Created> replay(TenantScope scope, String key, Fingerprint fingerprint) {
        return autocommit.read(() -> idempotency.find(scope, key)).map(stored -> {
            if (!MessageDigest.isEqual(stored.requestHash(), hash(fingerprint))) {
                throw RunRefusal.idempotencyKeyReused();
            }
            return new Created(mapper.read(stored.responseBody()), true);
        });
    }

    private Fingerprint validate(CreateRunRequest request) {
        List<Fault> faults = new ArrayList<>();
        if (request.getTemplateId() == null) {
            faults.add(new Fault("template_id", Violation.REQUIRED, Map.of()));
        }
        SubjectInput subject = request.getSubject();
        SubjectType type = null;
        String doc = null;
        String name = null;
        if (subject == null) {
            faults.add(new Fault("subject", Violation.REQUIRED, Map.of()));
        } else {
            if (subject.getType() == null) {
                faults.add(new Fault(
                        "subject.type", Violation.REQUIRED, Map.of("allowed", List.of(SubjectType.values()))));
            } else {
                type = SubjectType.of(subject.getType().getValue());
            }
            Map<String, Object> docFacts = type == null ? Map.of() : Map.of("subject_type", type);
            if (subject.getDoc() == null || subject.getDoc().isBlank()) {
                faults.add(new Fault(RunRefusal.DOC, Violation.REQUIRED, Map.of()));
            } else if (subject.getDoc().length() > MAX_DOC) {
                faults.add(new Fault(RunRefusal.DOC, Violation.LENGTH, with(docFacts, "max", MAX_DOC)));
            } else if (type != null) {
                doc = Documents.canonical(subject.getDoc());
                Optional<String> problem = switch (type) {
                    case PF -> Documents.cpfError(doc);
                    case PJ -> Documents.cnpjError(doc);
                };
                if (problem.isPresent()) {
                    faults.add(new Fault(
                            RunRefusal.DOC, Violation.INVALID_FORMAT, with(docFacts, "reason", problem.get())));
                }
            }
            name = subject.getName() == null ? null : subject.getName().strip();
            if (name == null || name.isEmpty()) {
                faults.add(new Fault("subject.name", Violation.REQUIRED, Map.of()));
            } else if (name.length() > MAX_NAME) {
                faults.add(new Fault("subject.name", Violation.LENGTH, Map.of("max", MAX_NAME)));
            }
        }
        String externalId = request.getExternalId();
        if (externalId != null && (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID)) {
            faults.add(new Fault("external_id", Violation.LENGTH, Map.of("min", 1, "max", MAX_EXTERNAL_ID)));
        }
        if (!faults.isEmpty()) {
            throw RunRefusal.invalid(faults);
        }
        return new Fingerprint(request.getTemplateId(), type, doc, name, externalId);
    }

    private static Map<String, Object> with(Map<String, Object> facts, String key, Object value) {
        Map<String, Object> all = new LinkedHashMap<>(facts);
        all.put(key, value);
        return all;
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
        RunEntity run = visible(caller, id);
        finished.keep(run);
        return mapper.toRun(run);
    }

    /**
     * The run, if this node holds it finished ({@link FinishedRunCache}) and the caller may see it; empty means
     * "ask {@link #get}", which reads PostgreSQL and refuses what must be refused. Never blocks.
     */
    Optional<Run> finished(ApiPrincipal caller, UUID id) {
        return finished.get(id)
                .filter(run -> run.scope().equals(caller.scope()))
                .filter(run -> caller.allows(run.subject().type()))
                .map(mapper::toRun);
    }

    public RunAnalysis analysis(ApiPrincipal caller, UUID id) {
        RunEntity run = visible(caller, id);
        if (run.status() == RunEntity.Status.FAILED) {
            // Final: a failed run never completes, so "try again later" would loop forever.
            throw RunRefusal.runFailed(run.id());
        }
        if (run.status() != RunEntity.Status.COMPLETED) {
            throw RunRefusal.runNotCompleted(run.id(), run.status());
        }
        return mapper.toAnalysis(run, autocommit.read(() -> runs.checks(run)));
    }

    public RunDetail detail(ApiPrincipal caller, UUID id) {
        RunEntity run = visible(caller, id);
        return mapper.toDetail(run, autocommit.read(() -> runs.checks(run)));
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
        // Finished runs this node holds come from FinishedRunCache; the others it reads once, and keeps.
        List<RunRepository.Listed> rows =
                autocommit.read(() -> runs.page(caller.scope(), f, after, limit + 1, finished::get));
        boolean hasMore = rows.size() > limit;
        List<RunRepository.Listed> page = hasMore ? rows.subList(0, limit) : rows;
        List<UUID> unread = page.stream()
                .filter(row -> row.run() == null)
                .map(row -> row.position().id())
                .toList();
        Map<UUID, RunEntity> read =
                unread.isEmpty() ? Map.of() : autocommit.read(() -> runs.find(caller.scope(), unread));
        read.values().forEach(finished::keep);
        List<Run> data = new ArrayList<>(page.size());
        for (RunRepository.Listed row : page) {
            RunEntity run =
                    row.run() != null ? row.run() : read.get(row.position().id());
            if (run != null) { // null: deleted between the two reads
                data.add(mapper.toRun(run));
            }
        }
        String next = hasMore ? cursors.encode(page.get(page.size() - 1).position(), caller.scope(), requested) : null;
        return new RunList(RunListObject.LIST, data, hasMore, next);
    }

    /** The run if it is this caller's; another tenant's or environment's run does not exist. */
    private RunEntity visible(ApiPrincipal caller, UUID id) {
        RunEntity run = autocommit
                .read(() -> runs.find(caller.scope(), id))
                .orElseThrow(() -> DomainException.notFound("run", id));
        if (!caller.allows(run.subject().type())) {
            throw RunRefusal.subjectTypeNotAllowed(
                    caller.subjectType(), run.subject().type());
        }
        return run;
    }
}
