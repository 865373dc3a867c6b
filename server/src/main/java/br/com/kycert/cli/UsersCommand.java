package br.com.kycert.cli;

import br.com.kycert.users.Role;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "users",
        description = "Manage a tenant's dashboard members.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Remove.class})
final class UsersCommand {

    /** An account as listed: never its password hash or TOTP secret. */
    static Map<String, Object> row(User u) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", u.id().toString());
        row.put("tenant_id", u.tenantId() == null ? null : u.tenantId().toString());
        row.put("email", u.email());
        row.put("role", u.roleValue());
        row.put("totp_enabled", u.totpEnabled());
        row.put("created_by", u.createdBy());
        row.put("created_at", u.createdAt().toString());
        return row;
    }

    @Command(name = "create", description = "Create a member; the password is read from standard input.")
    static final class Create implements Runnable {
        @Inject
        UserService users;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--email", required = true, description = "Sign-in address, unique ignoring case.")
        String email;

        @Option(names = "--role", required = true, description = "owner, admin, developer or viewer.")
        String role;

        @Option(
                names = "--password-stdin",
                required = true,
                description = "Read the password (12 characters or more) from standard input, never from arguments.")
        boolean passwordStdin;

        @Option(names = "--actor", description = "Who creates it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            Role parsed = Role.parse(role, "role");
            char[] password = PasswordInput.read(System.in);
            try {
                output.one(json, row(users.createMember(tenantId, email, parsed, password, Actor.current(actor))));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", description = "List a tenant's members.")
    static final class ListUsers implements Runnable {
        @Inject
        UserService users;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json, users.list(tenantId).stream().map(UsersCommand::row).toList());
        }
    }

    @Command(name = "remove", description = "Remove a member or support account; their sessions end at once.")
    static final class Remove implements Runnable {
        @Inject
        UserService users;

        @Inject
        Output output;

        @Parameters(paramLabel = "USER_ID")
        UUID userId;

        @Option(names = "--actor", description = "Who removes it (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(users.remove(userId, Actor.current(actor))));
        }
    }
}
