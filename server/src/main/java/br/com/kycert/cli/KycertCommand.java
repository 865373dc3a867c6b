package br.com.kycert.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The operator CLI. {@code serve} is handled before this (it starts the HTTP server).
 *
 * <p>The commands are added by {@link #commandLine}, not listed in {@code @Command(subcommands)}:
 * picocli reads every command class of the tree when it builds it, and a command needs only its
 * own branch (a sixth of a command's start-up). Without a command name first ({@code --help}, a
 * typo), the whole tree is built, so help and errors read as before.
 */
@Command(
        name = "kycert",
        mixinStandardHelpOptions = true,
        description = "kycert operator CLI (same configuration and database as the server).")
final class KycertCommand implements Runnable {

    /** The commands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            TenantsCommand.class,
            TemplatesCommand.class,
            KeysCommand.class,
            CreditsCommand.class,
            WebhooksCommand.class,
            UsersCommand.class,
            SupportCommand.class,
            DevCommand.class);

    /** The command line for {@code args}: the branch its first argument names, or every command. */
    static CommandLine commandLine(String[] args, CommandLine.IFactory factory) {
        CommandLine root = new CommandLine(KycertCommand.class, factory);
        String first = args.length == 0 ? null : args[0];
        boolean named = COMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> command : COMMANDS) {
            if (!named || name(command).equals(first)) {
                root.addSubcommand(name(command), new CommandLine(command, factory));
            }
        }
        return root;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this),
                "a command is required: serve, tenants, templates, keys, credits, webhooks, users, support or dev");
    }
}
