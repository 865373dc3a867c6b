package br.com.kycert.cli;

import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.DomainException;
import br.com.kycert.shared.jdbc.DatabaseBootstrap;
import br.com.kycert.shared.jdbc.DatabaseChoice;
import io.micronaut.configuration.picocli.MicronautFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import picocli.CommandLine;

/**
 * Runs one operator command in a context without the HTTP server and background jobs (environment
 * {@code cli}, see {@code application-cli.yml}): one context, read once, and migrations only when
 * the schema is behind, so that a command answers in about a second (README, "CLI start-up time").
 */
public final class Cli {

    /** The environment of a command's context ({@code application-cli.yml}). */
    static final String ENVIRONMENT = "cli";

    private Cli() {}

    public static int run(String[] args) {
        try (ApplicationContext context =
                new Builder().environments(ENVIRONMENT).build()) {
            context.getEnvironment().start();
            KeysConfiguration.refuseDevelopmentPepper(context.getEnvironment());
            // An embedded PostgreSQL this command had to start is stopped when the command ends
            // (its data stays); the context, and with it the pool, is stopped first.
            try (DatabaseChoice database = DatabaseChoice.choose(context.getEnvironment(), true)) {
                context.getEnvironment().addPropertySource(database.propertySource());
                DatabaseBootstrap.ensureDatabase(context.getEnvironment());
                context.start();
                try {
                    return execute(context, database, args);
                } finally {
                    context.stop();
                }
            }
        } catch (RuntimeException e) {
            System.err.println("kycert: " + message(e));
            return 1;
        }
    }

    private static int execute(ApplicationContext context, DatabaseChoice database, String[] args) {
        CliSchema.ensureCurrent(context, database.propertySource());
        CommandLine cli = KycertCommand.commandLine(args, new MicronautFactory(context));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("kycert: " + message(e));
            return 1;
        });
        return cli.execute(args);
    }

    /** The context of a command: configuration files read straight out of the jar. */
    private static final class Builder extends DefaultApplicationContextBuilder {

        private ClassPathResourceLoader resources;

        @Override
        public ClassPathResourceLoader getResourceLoader() {
            if (resources == null) {
                ClassLoader loader = getClassLoader();
                resources = new JarEntryResourceLoader(loader == null ? Cli.class.getClassLoader() : loader);
            }
            return resources;
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
