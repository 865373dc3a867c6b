package br.com.kycert.templates;

import br.com.kycert.sources.SourceCatalog;
import br.com.kycert.shared.Ids;
import br.com.kycert.shared.Sql;
import br.com.kycert.tenants.TenantService;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/** Templates: which sources a run queries, for which subject type, under which rules. */
@Singleton
public class TemplateService {

    /** One source of a template. */
    @Serdeable
    public record TemplateSource(String source, boolean required, int timeout_ms) {}

    /** A template at its current version. */
    public record Template(UUID id, UUID tenantId, String name, String subjectType, List<TemplateSource> sources,
                           String rules, int version, Instant createdAt) {}

    static final int DEFAULT_TIMEOUT_MS = 2_000;
    static final String DEFAULT_RULES = "{\"preset\": \"default\"}";

    private final Sql sql;
    private final Ids ids;
    private final Clock clock;
    private final TenantService tenants;
    private final ObjectMapper json;

    TemplateService(Sql sql, Ids ids, Clock clock, TenantService tenants, ObjectMapper json) {
        this.sql = sql;
        this.ids = ids;
        this.clock = clock;
        this.tenants = tenants;
        this.json = json;
    }

    /** Creates a template; without sources it takes every source that serves the subject type. */
    @Transactional
    public Template create(UUID tenantId, String name, String subjectType, List<String> sourceIds) {
        tenants.find(tenantId).orElseThrow(() -> new NoSuchElementException("no tenant " + tenantId));
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("--name must have 1 to 200 characters");
        }
        if (!"pf".equals(subjectType) && !"pj".equals(subjectType)) {
            throw new IllegalArgumentException("--subject-type must be pf or pj");
        }
        List<TemplateSource> sources = new ArrayList<>();
        if (sourceIds == null || sourceIds.isEmpty()) {
            SourceCatalog.defaultsFor(subjectType)
                    .forEach(s -> sources.add(new TemplateSource(s.id(), true, DEFAULT_TIMEOUT_MS)));
        } else {
            for (String id : new LinkedHashSet<>(sourceIds)) {
                SourceCatalog source = SourceCatalog.of(id.strip())
                        .orElseThrow(() -> new IllegalArgumentException("unknown source '" + id.strip() + "'"));
                if (!source.serves(subjectType)) {
                    throw new IllegalArgumentException("source " + source.id() + " does not serve " + subjectType + " subjects");
                }
                sources.add(new TemplateSource(source.id(), true, DEFAULT_TIMEOUT_MS));
            }
        }
        UUID id = ids.next();
        Instant now = clock.instant();
        String sourcesJson = write(sources);
        sql.update("insert into templates (id, tenant_id, name, subject_type, sources, rules, version, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?::jsonb, ?::jsonb, 1, ?, ?)",
                s -> {
                    s.setObject(1, id);
                    s.setObject(2, tenantId);
                    s.setString(3, name.strip());
                    s.setString(4, subjectType);
                    s.setString(5, sourcesJson);
                    s.setString(6, DEFAULT_RULES);
                    s.setTimestamp(7, Sql.timestamp(now));
                    s.setTimestamp(8, Sql.timestamp(now));
                });
        return new Template(id, tenantId, name.strip(), subjectType, List.copyOf(sources), DEFAULT_RULES, 1, now);
    }

    /** A template of this tenant; another tenant's template does not exist for it. */
    @Transactional
    public Optional<Template> find(UUID tenantId, UUID id) {
        return sql.queryOne("select * from templates where tenant_id = ? and id = ?", s -> {
            s.setObject(1, tenantId);
            s.setObject(2, id);
        }, row -> new Template(
                Sql.uuid(row, "id"),
                Sql.uuid(row, "tenant_id"),
                row.getString("name"),
                row.getString("subject_type"),
                read(row.getString("sources")),
                row.getString("rules"),
                row.getInt("version"),
                Sql.instant(row, "created_at")));
    }

    private String write(List<TemplateSource> sources) {
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
