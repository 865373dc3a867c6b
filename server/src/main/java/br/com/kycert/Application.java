package br.com.kycert;

import br.com.kycert.cli.Cli;
import br.com.kycert.keys.KeysConfiguration;
import br.com.kycert.shared.jdbc.DatabaseBootstrap;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.slf4j.LoggerFactory;

/**
 * The server jar: {@code serve} (the default) runs the API; any other command is the operator
 * CLI, on the same configuration and database.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        if (args.length == 0 || "serve".equals(args[0])) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            DatabaseBootstrap.Prepared database;
            // The configuration is read once before start-up, to refuse a public pepper and to
            // choose (and create) the database; the server's context then reads it for itself.
            try (ApplicationContext preflight = ApplicationContext.builder()
                    .args(rest)
                    .deduceEnvironment(false)
                    .build()) {
                Environment environment = preflight.getEnvironment();
                environment.start();
                if (KeysConfiguration.refuseDevelopmentPepper(environment)) {
                    LoggerFactory.getLogger(Application.class)
                            .warn("Development mode: API keys are digested under the public development pepper;"
                                    + " set KYCERT_KEYS_PEPPER for any real deployment");
                }
                database = DatabaseBootstrap.prepare(environment);
            } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
                LoggerFactory.getLogger(Application.class).error("Not starting: {}", e.getMessage());
                System.exit(1);
                return;
            }
            Micronaut.build(rest)
                    .mainClass(Application.class)
                    .propertySources(database.propertySources())
                    .banner(false)
                    .start();
            return;
        }
        System.exit(Cli.run(args));
    }
}
