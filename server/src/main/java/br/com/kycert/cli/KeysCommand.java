package br.com.kycert.cli;

import br.com.kycert.keys.ApiKey;
import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.Scope;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "keys",
        description = "Manage API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    /** A key as listed: never the secret, only its last 4 characters. */
    static Map<String, Object> row(ApiKey k) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", k.id().toString());
        row.put("tenant_id", k.tenantId().toString());
        row.put("name", k.name());
        row.put("environment", k.environment().value());
        row.put("scopes", k.grant().scopes().stream().map(Scope::value).toList());
        row.put(
                "subject_type",
                k.grant().subjectType() == null ? null : k.grant().subjectType().value());
        row.put("last4", k.last4());
        row.put("status", k.shownStatus(Instant.now()));
        row.put("expires_at", str(k.lifecycle().expiresAt()));
        row.put("created_by", k.lifecycle().createdBy());
        row.put("created_at", str(k.lifecycle().createdAt()));
        row.put("revoked_by", k.lifecycle().revokedBy());
        row.put("revoked_at", str(k.lifecycle().revokedAt()));
        row.put("last_used_at", str(k.lifecycle().lastUsedAt()));
        return row;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    @Command(name = "create", description = "Create a key. Its secret is printed this once and never again.")
    static final class Create implements Runnable {
        @Inject
        ApiKeyService keys;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(
                names = "--name",
                required = true,
                description = "Where the key is used, e.g. 'Onboarding Service - Staging'.")
        String name;

        @Option(
                names = "--env",
                required = true,
                description = "${COMPLETION-CANDIDATES} (fixed for the key's life).",
                converter = EnvironmentConverter.class,
                completionCandidates = Candidates.Environments.class)
        Environment env;

        @Option(
                names = "--scopes",
                required = true,
                split = ",",
                description = "Comma-separated: ${COMPLETION-CANDIDATES}.",
                completionCandidates = Candidates.Scopes.class)
        List<String> scopes;

        @Option(
                names = "--subject-type",
                description = "Restrict the key to subjects of one type: ${COMPLETION-CANDIDATES}.",
                converter = SubjectTypeConverter.class,
                completionCandidates = Candidates.SubjectTypes.class)
        SubjectType subjectType;

        @Option(names = "--expires-at", description = "RFC 3339 expiry, e.g. 2027-01-01T00:00:00Z.")
        OffsetDateTime expiresAt;

        @Option(names = "--actor", description = "Who creates it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            var created = keys.create(
                    tenantId,
                    name,
                    env,
                    scopes,
                    subjectType,
                    expiresAt == null ? null : expiresAt.toInstant(),
                    Actor.current(actor));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", created.key().id().toString());
            row.put("key", created.secret());
            row.putAll(row(created.key()));
            output.one(json, row);
            if (!json) {
                System.err.println("Store the key now: it is shown this once and cannot be read back.");
            }
        }
    }

    @Command(name = "list", description = "List a tenant's keys (never their secrets).")
    static final class ListKeys implements Runnable {
        @Inject
        ApiKeyService keys;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(json, keys.list(tenantId).stream().map(KeysCommand::row).toList());
        }
    }

    @Command(name = "revoke", description = "Revoke a key; its next request is refused, on every node.")
    static final class Revoke implements Runnable {
        @Inject
        ApiKeyService keys;

        @Inject
        Output output;

        @Parameters(paramLabel = "KEY_ID")
        UUID keyId;

        @Option(names = "--actor", description = "Who revokes it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(keys.revoke(keyId, Actor.current(actor))));
        }
    }
}
