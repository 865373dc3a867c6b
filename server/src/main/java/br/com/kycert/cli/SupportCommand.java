package br.com.kycert.cli;

import br.com.kycert.users.UserService;
import jakarta.inject.Inject;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "support",
        description = "Manage kycert support staff (no tenant; they only decide detail approvals).",
        subcommands = {SupportCommand.Create.class, SupportCommand.ListSupport.class})
final class SupportCommand {

    @Command(name = "create", description = "Create a support account; the password is read from standard input.")
    static final class Create implements Runnable {
        @Inject
        UserService users;

        @Inject
        Output output;

        @Option(names = "--email", required = true, description = "Sign-in address, unique ignoring case.")
        String email;

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
            char[] password = PasswordInput.read(System.in);
            try {
                output.one(json, UsersCommand.row(users.createSupport(email, password, Actor.current(actor))));
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "list", description = "List support staff.")
    static final class ListSupport implements Runnable {
        @Inject
        UserService users;

        @Inject
        Output output;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json, users.supportStaff().stream().map(UsersCommand::row).toList());
        }
    }
}
