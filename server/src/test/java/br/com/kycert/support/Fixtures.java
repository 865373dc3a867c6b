package br.com.kycert.support;

import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.templates.TemplateService;
import br.com.kycert.tenants.TenantService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Sets up tenants, templates and keys through the same services the operator CLI uses. */
public final class Fixtures {

    public static final String CPF_CLEAR = "900.000.001-75";
    public static final String CPF_PEP = "900.000.002-56";
    public static final String CNPJ_CLEAR = "KY.CTS.T01/0001-61";

    private final TestServer server;
    private final TestDatabase db;

    public Fixtures(TestServer server, TestDatabase db) {
        this.server = server;
        this.db = db;
    }

    /** A tenant with a PF and a PJ template. */
    public record Tenant(UUID id, UUID pfTemplate, UUID pjTemplate) {}

    /** A tenant with live credits to spare, so live keys work in any test. */
    public Tenant tenant(String name) {
        Tenant tenant = tenantWithoutCredits(name);
        server.bean(br.com.kycert.credits.CreditService.class).grant(tenant.id(), 1_000_000, "test");
        return tenant;
    }

    public Tenant tenantWithoutCredits(String name) {
        UUID id = server.bean(TenantService.class).create(name, "test").id();
        TemplateService templates = server.bean(TemplateService.class);
        return new Tenant(
                id,
                templates.create(id, "PF", "pf", null).id(),
                templates.create(id, "PJ", "pj", null).id());
    }

    public void approveDetail(Tenant tenant) {
        server.bean(TenantService.class).setDetailAccess(tenant.id(), true, "support:test");
        server.awaitKeyChanges();
    }

    public void revokeDetail(Tenant tenant) {
        server.bean(TenantService.class).setDetailAccess(tenant.id(), false, "support:test");
        server.awaitKeyChanges();
    }

    /** A key's id and secret. */
    public record Key(UUID id, String secret) {}

    public Key key(Tenant tenant, Environment env, SubjectType subjectType, String... scopes) {
        var created = server.bean(ApiKeyService.class)
                .create(
                        tenant.id(),
                        "test key " + Arrays.toString(scopes),
                        env,
                        List.of(scopes),
                        subjectType,
                        null,
                        "test");
        return new Key(created.key().id(), created.secret());
    }

    public Key key(Tenant tenant, String... scopes) {
        return key(tenant, Environment.SANDBOX, null, scopes);
    }

    public void revoke(Key key) {
        server.bean(ApiKeyService.class).revoke(key.id(), "test");
        server.awaitKeyChanges();
    }

    public void expire(Key key) {
        sql("update api_keys set expires_at = ? where id = ?", Instant.now().minusSeconds(60), key.id());
    }

    public static String createBody(UUID template, String type, String doc) {
        return "{\"template_id\":\"" + template + "\",\"subject\":{\"type\":\"" + type + "\",\"doc\":\"" + doc
                + "\",\"name\":\"Fulano de Tal\"},\"external_id\":\"cust_1\"}";
    }

    /** Creates a run through the API and returns its id. */
    public UUID run(Key writer, UUID template, String type, String doc) {
        var response = server.http()
                .post("/api/v1/bureau/runs", createBody(template, type, doc), "X-API-Key", writer.secret());
        if (response.status() != 201) {
            throw new AssertionError("could not create run: " + response.status() + " " + response.body());
        }
        return UUID.fromString(response.json().get("id").getStringValue());
    }

    /** Marks a run completed, as the worker will, so that its analysis can be read. */
    public void complete(UUID run, String decision) {
        // The planned checks become answered rows, as settlement writes them, and leave the run's row.
        sql(SettledByHand.ANSWER_PLANNED_CHECKS, run);
        sql(
                "update runs set status = 'completed', decision = ?, completeness = 'full', completed_at = now(),"
                        + " planned_checks = null,"
                        + " reasons = '[{\"code\":\"pep_match\",\"severity\":\"review\",\"source\":\"pep\",\"message\":\"PEP\"}]'::jsonb,"
                        + " rule_results = '[{\"rule\":\"pep_match\",\"outcome\":\"review\",\"source\":\"pep\",\"matched\":true}]'::jsonb"
                        + " where id = ?",
                decision,
                run);
    }

    public void sql(String sql, Object... args) {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i] instanceof Instant instant ? java.sql.Timestamp.from(instant) : args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // A key or tenant changed by hand reaches the server's key cache as a notification: wait for it.
        if (sql.contains("api_keys") || sql.contains("tenants")) {
            server.awaitKeyChanges();
        }
    }

    public long count(String sql, Object... args) {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
