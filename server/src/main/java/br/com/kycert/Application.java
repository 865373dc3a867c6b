package br.com.kycert;

import br.com.kycert.cli.Cli;
import br.com.kycert.shared.jdbc.DatabaseBootstrap;
import io.micronaut.runtime.Micronaut;
import java.util.Arrays;

/**
 * The server jar: {@code serve} (the default) runs the API; any other command is the operator
 * CLI, on the same configuration and database.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        if (args.length == 0 || "serve".equals(args[0])) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            DatabaseBootstrap.ensureDatabase(rest);
            Micronaut.build(rest).mainClass(Application.class).banner(false).start();
            return;
        }
        System.exit(Cli.run(args));
    }
}
