package br.com.kycert.templates;

import br.com.kycert.rules.DecisionRules;
import br.com.kycert.rules.Grade;
import br.com.kycert.shared.BoundedCache;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.DomainException.Violation;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.shared.jdbc.Autocommit;
import br.com.kycert.shared.jdbc.Sql;
import br.com.kycert.sources.SourceCatalog;
import br.com.kycert.tenants.TenantService;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** Templates: which sources a run queries, for which subject type, under which rules. */
@Singleton
public class TemplateService {

    /** One source of a template. */
    @Serdeable
    public record TemplateSource(String source, boolean required, int timeout_ms) {}

    /**
     * A template at its current version. {@code grades} re-grade or switch off default rules by name;
     * rules it does not name keep their default outcome.
     */
    public record Template(
            UUID id,
            UUID tenantId,
            String name,
            SubjectType subjectType,
            List<TemplateSource> sources,
            Map<String, Grade> grades,
            Revision revision) {}

    /**
     * Which version of a template this is, and when it was created and last changed.
     *
     * @param version 1 when created, one more on every change
     */
    public record Revision(int version, Instant createdAt, Instant updatedAt) {

        /** The first version, created at {@code at}. */
        static Revision first(Instant at) {
            return new Revision(1, at, at);
        }
    }

    /** Where a page of templates starts: after this (creation time, id), newest first. */
    record Position(Instant createdAt, UUID id) {}

    /** Templates held per node by {@link #current}: about 1 KB each. */
    static final int CACHED_TEMPLATES = 10_000;

    static final int MAX_NAME = 200;
    static final int DEFAULT_TIMEOUT_MS = SourceCatalog.DEFAULT_TIMEOUT_MS;
    static final int MIN_TIMEOUT_MS = SourceCatalog.MIN_TIMEOUT_MS;
    static final int MAX_TIMEOUT_MS = SourceCatalog.MAX_TIMEOUT_MS;

    private final Sql sql;
    private final Ids ids;
    private final Clock clock;
    private final TenantService tenants;
    private final ObjectMapper json;
    private final Autocommit autocommit;
    /** Templates as last read from PostgreSQL, by (tenant, id); see {@link #current}. */
    private final BoundedCache<Held, Template> cached = new BoundedCache<>(CACHED_TEMPLATES);

    /** The key of a held template: a template is only ever found with its tenant. */
    private record Held(UUID tenantId, UUID id) {}

    TemplateService(Sql sql, Ids ids, Clock clock, TenantService tenants, ObjectMapper json, Autocommit autocommit) {
        this.autocommit = autocommit;
        this.sql = sql;
        this.ids = ids;
        this.clock = clock;
        this.tenants = tenants;
        this.json = json;
    }

    /** Creates a template; without sources it takes every source that serves the subject type. */
    @Transactional
    public Template create(UUID tenantId, String name, String subjectType, List<String> sourceIds) {
        return create(tenantId, name, subjectType, sourceIds, List.of(), DEFAULT_TIMEOUT_MS, null);
    }

    public Template create(
            UUID tenantId,
            String name,
            String subjectType,
            List<String> required,
            List<String> optional,
            Integer timeoutMs) {
        return create(tenantId, name, subjectType, required, optional, timeoutMs, null);
    }

    /**
     * Creates a template. {@code required} sources (default: every source that serves the subject
     * type) send the run to review when they fail; {@code optional} ones only make it partial.
     */
    @Transactional
    public Template create(
            UUID tenantId,
            String name,
            String subjectTypeValue,
            List<String> required,
            List<String> optional,
            Integer timeoutMs,
            Map<String, String> ruleOutcomes) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        String validName = validName(name);
        SubjectType subjectType = SubjectType.find(subjectTypeValue)
                .orElseThrow(() -> DomainException.invalid(
                        "subject_type",
                        Violation.UNKNOWN_VALUE,
                        Map.of(
                                "value",
                                String.valueOf(subjectTypeValue),
                                "allowed",
                                Arrays.stream(SubjectType.values())
                                        .map(SubjectType::value)
                                        .toList())));
        List<TemplateSource> sources = sources(subjectType, required, optional, timeoutMs);
        Map<String, Grade> grades = grades(ruleOutcomes == null ? Map.of() : ruleOutcomes);
        String rules = rules(grades);
        UUID id = ids.next();
        Instant now = clock.instant();
        String sourcesJson = write(sources);
        sql.update(
                "insert into templates (id, tenant_id, name, subject_type, sources, rules, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, 1, ?, ?)",
                s -> {
                    s.setObject(1, id);
                    s.setObject(2, tenantId);
                    s.setString(3, validName);
                    s.setString(4, subjectType.value());
                    s.setString(5, sourcesJson);
                    s.setString(6, rules);
                    s.setTimestamp(7, Sql.timestamp(now));
                    s.setTimestamp(8, Sql.timestamp(now));
                });
        return new Template(id, tenantId, validName, subjectType, List.copyOf(sources), grades, Revision.first(now));
    }

    /** Changes a template; its version increments. Runs keep the version they were created with. */
    @Transactional
    public Template update(UUID id, String name, List<String> required, List<String> optional, Integer timeoutMs) {
        return update(id, name, required, optional, timeoutMs, null);
    }

    /** As above; {@code ruleOutcomes}, when given, are merged into the template's rule outcomes. */
    @Transactional
    public Template update(
            UUID id,
            String name,
            List<String> required,
            List<String> optional,
            Integer timeoutMs,
            Map<String, String> ruleOutcomes) {
        UUID tenantId = sql.queryOne(
                        "select tenant_id from templates where id = ?",
                        s -> s.setObject(1, id),
                        row -> Sql.uuid(row, "tenant_id"))
                .orElseThrow(() -> DomainException.notFound("template", id));
        Template current = find(tenantId, id).orElseThrow();
        String newName = name == null ? current.name() : validName(name);
        List<TemplateSource> sources = required == null && optional == null && timeoutMs == null
                ? current.sources()
                : sources(
                        current.subjectType(),
                        required != null
                                ? required
                                : current.sources().stream()
                                        .filter(TemplateSource::required)
                                        .map(TemplateSource::source)
                                        .toList(),
                        optional != null
                                ? optional
                                : current.sources().stream()
                                        .filter(t -> !t.required())
                                        .map(TemplateSource::source)
                                        .toList(),
                        timeoutMs != null ? timeoutMs : current.sources().get(0).timeout_ms());
        Map<String, Grade> grades = new TreeMap<>(current.grades());
        if (ruleOutcomes != null) {
            grades.putAll(grades(ruleOutcomes));
        }
        String rules = rules(grades);
        Instant now = clock.instant();
        String sourcesJson = write(sources);
        sql.update(
                "update templates set name = ?, sources = ?::jsonb, rules = ?::jsonb, version = version + 1,"
                        + " updated_at = ? where id = ?",
                s -> {
                    s.setString(1, newName);
                    s.setString(2, sourcesJson);
                    s.setString(3, rules);
                    s.setTimestamp(4, Sql.timestamp(now));
                    s.setObject(5, id);
                });
        forget(tenantId, id);
        return find(tenantId, id).orElseThrow();
    }

    /** A tenant's templates, newest first. */
    @Transactional
    public List<Template> list(UUID tenantId) {
        tenants.find(tenantId).orElseThrow(() -> DomainException.notFound("tenant", tenantId));
        return sql
                .query(
                        "select id from templates where tenant_id = ? order by created_at desc, id desc",
                        s -> s.setObject(1, tenantId),
                        row -> Sql.uuid(row, "id"))
                .stream()
                .map(id -> find(tenantId, id).orElseThrow())
                .toList();
    }

    private static List<TemplateSource> sources(
            SubjectType subjectType, List<String> required, List<String> optional, Integer timeoutMs) {
        int timeout = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
        if (timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS) {
            throw DomainException.invalid(
                    "timeout_ms",
                    Violation.OUT_OF_RANGE,
                    Map.of("value", timeout, "min", MIN_TIMEOUT_MS, "max", MAX_TIMEOUT_MS));
        }
        List<String> req = required == null || required.isEmpty()
                ? (optional == null || optional.isEmpty()
                        ? SourceCatalog.defaultsFor(subjectType).stream()
                                .map(SourceCatalog::id)
                                .toList()
                        : List.of())
                : required;
        List<TemplateSource> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (var entry :
                List.of(Map.entry(true, req), Map.entry(false, optional == null ? List.<String>of() : optional))) {
            for (String raw : entry.getValue()) {
                String id = raw.strip();
                if (id.isEmpty()) {
                    continue;
                }
                SourceCatalog source = SourceCatalog.of(id)
                        .orElseThrow(() -> DomainException.invalid(
                                "sources",
                                Violation.UNKNOWN_VALUE,
                                Map.of(
                                        "value",
                                        id,
                                        "allowed",
                                        Arrays.stream(SourceCatalog.values())
                                                .map(SourceCatalog::id)
                                                .toList())));
                if (!source.serves(subjectType)) {
                    throw DomainException.invalid(
                            "sources",
                            Violation.NOT_ALLOWED,
                            Map.of(
                                    "value",
                                    id,
                                    "subject_type",
                                    subjectType.value(),
                                    "reason",
                                    "it does not serve " + subjectType.value() + " subjects"));
                }
                if (!seen.add(id)) {
                    throw DomainException.invalid("sources", Violation.DUPLICATE, Map.of("value", id));
                }
                out.add(new TemplateSource(id, entry.getKey(), timeout));
            }
        }
        if (out.isEmpty()) {
            throw DomainException.invalid("sources", Violation.REQUIRED, Map.of("min_items", 1));
        }
        return out;
    }

    /** The rule outcomes of a template by rule name ({@code approved}, {@code review}, {@code rejected}, {@code off}). */
    public Map<String, String> ruleOutcomes(Template template) {
        Map<String, String> out = new TreeMap<>();
        template.grades().forEach((rule, grade) -> out.put(rule, grade.value()));
        return out;
    }

    /** Validates rule names and grades given by rule name. */
    private static Map<String, Grade> grades(Map<String, String> outcomes) {
        Map<String, Grade> grades = new TreeMap<>();
        for (Map.Entry<String, String> e : outcomes.entrySet()) {
            if (!DecisionRules.ruleNames().contains(e.getKey())) {
                throw new DomainException(
                        DomainException.Kind.INVALID,
                        "validation_failed",
                        "rules",
                        Violation.UNKNOWN_VALUE,
                        Map.of("value", e.getKey(), "allowed", DecisionRules.ruleNames()),
                        "unknown rule '" + e.getKey() + "'");
            }
            String rule = e.getKey();
            grades.put(
                    rule,
                    Grade.find(e.getValue())
                            .orElseThrow(() -> DomainException.invalid(
                                    "rules",
                                    Violation.NOT_ALLOWED,
                                    Map.of(
                                            "rule",
                                            rule,
                                            "value",
                                            String.valueOf(e.getValue()),
                                            "allowed",
                                            Arrays.stream(Grade.values())
                                                    .map(Grade::value)
                                                    .toList()))));
        }
        return grades;
    }

    /** The stored form: {@code {"preset": "default", "outcomes": {rule: grade}}}. */
    private String rules(Map<String, Grade> grades) {
        Map<String, String> outcomes = new TreeMap<>();
        grades.forEach((rule, grade) -> outcomes.put(rule, grade.value()));
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("preset", "default");
        rules.put("outcomes", outcomes);
        return write(rules);
    }

    private Map<String, Grade> readGrades(String stored) {
        try {
            Map<String, Object> rules = json.readValue(stored, Argument.mapOf(String.class, Object.class));
            Map<String, Grade> grades = new TreeMap<>();
            if (rules.get("outcomes") instanceof Map<?, ?> map) {
                map.forEach((rule, grade) -> grades.put(
                        String.valueOf(rule),
                        Grade.find(String.valueOf(grade))
                                .orElseThrow(() -> new IllegalStateException("unknown grade in storage: " + grade))));
            }
            return grades;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw DomainException.invalid("name", Violation.LENGTH, Map.of("min", 1, "max", MAX_NAME));
        }
        return name.strip();
    }

    /**
     * The template as this node last read it, or as {@link #find} reads it now. It may be older than the stored one
     * (another node changed it): a caller that acts on it checks in the same statement that {@code
     * revision().version()} is still the stored version, and after {@link #forget} asks again. Templates are never
     * deleted and their tenant and subject type never change, so a held template is stale only in its version.
     */
    public Optional<Template> current(UUID tenantId, UUID id) {
        Held key = new Held(tenantId, id);
        Optional<Template> held = cached.get(key);
        if (held.isPresent()) {
            return held;
        }
        Optional<Template> read = find(tenantId, id);
        read.ifPresent(t -> cached.keep(key, t));
        return read;
    }

    /** Drops the template {@link #current} holds: it was found stale. */
    public void forget(UUID tenantId, UUID id) {
        cached.forget(new Held(tenantId, id));
    }

    /** A template of this tenant; another tenant's template does not exist for it. One statement, no transaction. */
    public Optional<Template> find(UUID tenantId, UUID id) {
        return autocommit.read(() -> sql.queryOne(
                "select * from templates where tenant_id = ? and id = ?",
                s -> {
                    s.setObject(1, tenantId);
                    s.setObject(2, id);
                },
                this::template));
    }

    private Template template(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Template(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "tenant_id"),
                row.getString("name"),
                SubjectType.of(row.getString("subject_type")),
                read(row.getString("sources")),
                readGrades(row.getString("rules")),
                new Revision(row.getInt("version"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at")));
    }

    /**
     * One page of a tenant's templates, newest first, after {@code after} (or from the start), of
     * {@code subjectType} only when it is given. Keyset pagination over {@code templates_page_idx}.
     */
    @Transactional
    List<Template> page(UUID tenantId, String subjectType, Position after, int limit) {
        StringBuilder where = new StringBuilder("tenant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenantId);
        if (subjectType != null) {
            where.append(" and subject_type = ?");
            args.add(subjectType);
        }
        if (after != null) {
            where.append(" and (created_at, id) < (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        args.add(limit);
        return sql.query(
                "select * from templates where " + where + " order by created_at desc, id desc limit ?",
                s -> {
                    for (int i = 0; i < args.size(); i++) {
                        s.setObject(i + 1, args.get(i));
                    }
                },
                this::template);
    }

    private String write(Object sources) {
        try {
            return json.writeValueAsString(sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<TemplateSource> read(String sources) {
        try {
            return json.readValue(sources, Argument.listOf(TemplateSource.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
