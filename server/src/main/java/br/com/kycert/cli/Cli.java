package br.com.kycert.cli;

import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.jdbc.DatabaseBootstrap;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;

/** Runs one operator command in a context without the HTTP server and background jobs. */
public final class Cli {

    private Cli() {}

    public static int run(String[] args) {
        DatabaseBootstrap.ensureDatabase(new String[0]);
        try (ApplicationContext context = ApplicationContext.builder().environments("cli").start()) {
            CommandLine cli = new CommandLine(KycertCommand.class, new MicronautFactory(context));
            cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                commandLine.getErr().println("kycert: " + message(e));
                return 1;
            });
            return cli.execute(args);
        } catch (RuntimeException e) {
            System.err.println("kycert: " + message(e));
            return 1;
        }
    }

    /** One line for stderr: domain refusals worded for operators, anything else by its message. */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return ErrorTranslator.word(domain);
            }
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
