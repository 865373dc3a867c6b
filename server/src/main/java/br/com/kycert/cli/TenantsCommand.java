package br.com.kycert.cli;

import br.com.kycert.shared.Environment;
import br.com.kycert.tenants.TenantService;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "tenants",
        description = "Manage tenants (brokerages).",
        subcommands = {
            TenantsCommand.Create.class,
            TenantsCommand.ApproveDetail.class,
            TenantsCommand.RevokeDetail.class,
            TenantsCommand.SetRateLimit.class,
            TenantsCommand.RateLimit.class
        })
final class TenantsCommand {

    static Map<String, Object> row(TenantService.Tenant t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.id().toString());
        row.put("name", t.name());
        row.put("detail_access", t.detailAccess());
        row.put("detail_access_changed_by", t.detailAccessChangedBy());
        row.put(
                "detail_access_changed_at",
                t.detailAccessChangedAt() == null
                        ? null
                        : t.detailAccessChangedAt().toString());
        row.put("detail_access_reason", t.detailAccessReason());
        row.put("require_totp", t.requireTotp());
        row.put("created_at", t.createdAt().toString());
        return row;
    }

    @Command(name = "create", description = "Create a tenant and print it.")
    static final class Create implements Runnable {
        @Inject
        TenantService tenants;

        @Inject
        br.com.kycert.credits.CreditService credits;

        @Inject
        Output output;

        @Option(names = "--name", required = true, description = "The brokerage's name.")
        String name;

        @Option(names = "--credits", description = "Live credits to grant at once.")
        Long initialCredits;

        @Option(names = "--actor", description = "Who runs this (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            if (initialCredits != null && initialCredits < 0) {
                throw new IllegalArgumentException("--credits must not be negative");
            }
            TenantService.Tenant tenant = tenants.create(name, Actor.current(actor));
            Map<String, Object> row = row(tenant);
            row.put(
                    "credits",
                    initialCredits == null || initialCredits == 0
                            ? 0L
                            : credits.grant(tenant.id(), initialCredits, Actor.current(actor)));
            output.one(json, row);
        }
    }

    @Command(name = "approve-detail", description = "Grant the tenant support approval for detail:read.")
    static final class ApproveDetail implements Runnable {
        @Inject
        TenantService tenants;

        @Inject
        Output output;

        @Parameters(paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--actor", description = "Who approves (audit log).")
        String actor;

        @Option(names = "--reason", description = "Why (audit log; the tenant sees it).")
        String reason;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(tenants.setDetailAccess(tenantId, true, Actor.current(actor), reason)));
        }
    }

    @Command(name = "revoke-detail", description = "Withdraw detail approval; detail access ends at once.")
    static final class RevokeDetail implements Runnable {
        @Inject
        TenantService tenants;

        @Inject
        Output output;

        @Parameters(paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--actor", description = "Who withdraws it (audit log).")
        String actor;

        @Option(names = "--reason", description = "Why (audit log; the tenant sees it).")
        String reason;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(tenants.setDetailAccess(tenantId, false, Actor.current(actor), reason)));
        }
    }

    static Map<String, Object> row(br.com.kycert.ratelimits.RateLimitService.EffectivePolicy p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tenant_id", p.tenantId().toString());
        row.put("environment", p.environment().value());
        row.put("per_key", p.policy().perKey());
        row.put("per_tenant", p.policy().perTenant());
        row.put("window_seconds", br.com.kycert.ratelimits.RateLimitPolicy.WINDOW_SECONDS);
        row.put("default", p.isDefault());
        return row;
    }

    @Command(
            name = "set-rate-limit",
            description =
                    "Set a tenant's rate limits (requests per second) in one environment; servers apply it within a heartbeat.")
    static final class SetRateLimit implements Runnable {
        @Inject
        br.com.kycert.ratelimits.RateLimitService limits;

        @Inject
        Output output;

        @Parameters(paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(
                names = "--env",
                required = true,
                converter = EnvironmentConverter.class,
                description = "${COMPLETION-CANDIDATES}.",
                completionCandidates = Candidates.Environments.class)
        Environment environment;

        @Option(names = "--per-key", description = "Requests per second for each key.")
        Integer perKey;

        @Option(names = "--per-tenant", description = "Requests per second for all the tenant's keys together.")
        Integer perTenant;

        @Option(names = "--default", description = "Go back to the default limits.")
        boolean reset;

        @Option(names = "--actor", description = "Who changes it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            if (reset == (perKey != null || perTenant != null)) {
                throw new IllegalArgumentException("give --per-key and/or --per-tenant, or --default");
            }
            output.one(
                    json,
                    row(
                            reset
                                    ? limits.reset(tenantId, environment, Actor.current(actor))
                                    : limits.set(tenantId, environment, perKey, perTenant, Actor.current(actor))));
        }
    }

    @Command(name = "rate-limit", description = "Show a tenant's rate limits in one environment.")
    static final class RateLimit implements Runnable {
        @Inject
        br.com.kycert.ratelimits.RateLimitService limits;

        @Inject
        Output output;

        @Parameters(paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(
                names = "--env",
                required = true,
                converter = EnvironmentConverter.class,
                description = "${COMPLETION-CANDIDATES}.",
                completionCandidates = Candidates.Environments.class)
        Environment environment;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(limits.describe(tenantId, environment)));
        }
    }
}
