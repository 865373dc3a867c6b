package br.com.kycert.cli;

import br.com.kycert.credits.CreditService;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "credits",
        description = "Live credits of a tenant (sandbox runs never use credits).",
        subcommands = {CreditsCommand.Grant.class, CreditsCommand.Balance.class, CreditsCommand.Ledger.class})
final class CreditsCommand {

    @Command(name = "grant", description = "Add credits to a tenant's balance.")
    static final class Grant implements Runnable {
        @Inject
        CreditService credits;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--amount", required = true, description = "A positive number of credits.")
        long amount;

        @Option(names = "--actor", description = "Who grants them (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            long balance = credits.grant(tenantId, amount, Actor.current(actor));
            output.one(json, Map.of("tenant_id", tenantId.toString(), "granted", amount, "balance", balance));
        }
    }

    @Command(name = "balance", description = "A tenant's available credits.")
    static final class Balance implements Runnable {
        @Inject
        CreditService credits;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tenant_id", tenantId.toString());
            row.put("balance", credits.balance(tenantId));
            output.one(json, row);
        }
    }

    @Command(name = "ledger", description = "A tenant's credit movements, newest first.")
    static final class Ledger implements Runnable {
        @Inject
        CreditService credits;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--limit", description = "How many (default 50).")
        int limit = 50;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json,
                    credits.ledger(tenantId, Math.max(1, Math.min(limit, 1000))).stream()
                            .map(m -> {
                                Map<String, Object> row = new LinkedHashMap<>();
                                row.put("id", m.id());
                                row.put("kind", m.kind().value());
                                row.put("amount", m.amount());
                                row.put("balance_after", m.balanceAfter());
                                row.put(
                                        "run_id",
                                        m.runId() == null ? null : m.runId().toString());
                                row.put("source", m.source());
                                row.put("actor", m.actor());
                                row.put("at", m.at().toString());
                                return row;
                            })
                            .toList());
        }
    }
}
