package br.com.kycert.contract.support;

import br.com.kycert.credits.CreditService;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.templates.TemplateService;
import br.com.kycert.tenants.TenantService;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.UUID;

/**
 * The tenants, templates and keys the contract suite uses, set up through the same public services the operator
 * CLI uses. Two tenants: {@code alfa} (no detail approval, {@value #ALFA_CREDITS} live credits) and {@code beta}
 * (support approved detail access, no credits).
 */
public final class World {

    /** A tenant with a PF and a PJ template. */
    public record Tenant(UUID id, String name, UUID pfTemplate, UUID pjTemplate) {}

    /** A key's id and secret (shown once, at creation). */
    public record Key(UUID id, String secret) {}

    /** Sandbox, runs:write + runs:read. */
    public final Key full;
    /** Sandbox, runs:read only. */
    public final Key reader;
    /** Sandbox, runs:write only. */
    public final Key writer;
    /** Sandbox, runs:write + runs:read, restricted to pf subjects. */
    public final Key pfOnly;
    /** Live, runs:write + runs:read (alfa has credits for live runs). */
    public final Key live;
    /** Tenant beta, live, runs:write + runs:read: beta has no credits, so its live runs are 402. */
    public final Key betaLive;
    /** Sandbox, runs:write + runs:read, revoked right after creation. */
    public final Key revoked;
    /** Tenant beta, sandbox, runs:write + runs:read + detail:read. */
    public final Key detail;
    /** Tenant beta, sandbox, detail:read only, restricted to pf subjects. */
    public final Key detailPfOnly;
    /** Tenant beta, sandbox, runs:read only (no detail:read). */
    public final Key betaReader;

    /** Tenant gamma, sandbox, runs:write + runs:read + detail:read; gamma may send 1 request/s (per key and tenant). */
    public final Key limited;
    /** Tenant delta, sandbox, runs:read; delta may send 1 request/s too, for the SDK's own 429 handling. */
    public final Key limitedSdk;

    public final Tenant alfa;
    public final Tenant beta;
    public final Tenant gamma;
    public final Tenant delta;

    public static final long ALFA_CREDITS = 10_000;

    private World(ApplicationContext context) {
        TenantService tenants = context.getBean(TenantService.class);
        TemplateService templates = context.getBean(TemplateService.class);
        ApiKeyService keys = context.getBean(ApiKeyService.class);

        alfa = tenant(tenants, templates, "Corretora Alfa");
        beta = tenant(tenants, templates, "Corretora Beta");
        tenants.setDetailAccess(beta.id(), true, "support:contract-tests");
        context.getBean(CreditService.class).grant(alfa.id(), ALFA_CREDITS, "support:contract-tests");

        full = key(keys, alfa, "full", Environment.SANDBOX, null, "runs:write", "runs:read");
        reader = key(keys, alfa, "reader", Environment.SANDBOX, null, "runs:read");
        writer = key(keys, alfa, "writer", Environment.SANDBOX, null, "runs:write");
        pfOnly = key(keys, alfa, "pf only", Environment.SANDBOX, SubjectType.PF, "runs:write", "runs:read");
        live = key(keys, alfa, "live", Environment.LIVE, null, "runs:write", "runs:read");
        revoked = key(keys, alfa, "revoked", Environment.SANDBOX, null, "runs:write", "runs:read");
        keys.revoke(revoked.id(), "contract-tests");
        detail = key(keys, beta, "detail", Environment.SANDBOX, null, "runs:write", "runs:read", "detail:read");
        detailPfOnly = key(keys, beta, "detail pf only", Environment.SANDBOX, SubjectType.PF, "detail:read");
        betaReader = key(keys, beta, "beta reader", Environment.SANDBOX, null, "runs:read");
        betaLive = key(keys, beta, "beta live", Environment.LIVE, null, "runs:write", "runs:read");
        gamma = tenant(tenants, templates, "Corretora Gamma");
        tenants.setDetailAccess(gamma.id(), true, "support:contract-tests");
        context.getBean(br.com.kycert.ratelimits.RateLimitService.class)
                .set(gamma.id(), Environment.SANDBOX, 1, 1, "support:contract-tests");
        limited = key(keys, gamma, "limited", Environment.SANDBOX, null, "runs:write", "runs:read", "detail:read");
        delta = tenant(tenants, templates, "Corretora Delta");
        context.getBean(br.com.kycert.ratelimits.RateLimitService.class)
                .set(delta.id(), Environment.SANDBOX, 1, 1, "support:contract-tests");
        limitedSdk = key(keys, delta, "limited sdk", Environment.SANDBOX, null, "runs:read");
    }

    static World create(ApplicationContext context) {
        return new World(context);
    }

    private static Tenant tenant(TenantService tenants, TemplateService templates, String name) {
        UUID id = tenants.create(name, "contract-tests").id();
        return new Tenant(
                id,
                name,
                templates.create(id, name + " PF", "pf", null).id(),
                templates.create(id, name + " PJ", "pj", null).id());
    }

    private static Key key(
            ApiKeyService keys,
            Tenant tenant,
            String name,
            Environment env,
            SubjectType subjectType,
            String... scopes) {
        var created = keys.create(
                tenant.id(), tenant.name() + " " + name, env, List.of(scopes), subjectType, null, "contract-tests");
        return new Key(created.key().id(), created.secret());
    }
}
