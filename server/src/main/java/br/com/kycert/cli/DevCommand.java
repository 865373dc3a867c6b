package br.com.kycert.cli;

import br.com.kycert.keys.ApiKeyService;
import br.com.kycert.keys.Scope;
import br.com.kycert.shared.Environment;
import br.com.kycert.shared.SubjectType;
import br.com.kycert.templates.TemplateService;
import br.com.kycert.tenants.TenantService;
import br.com.kycert.users.Role;
import br.com.kycert.users.User;
import br.com.kycert.users.UserService;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "dev",
        description = "Local development helpers.",
        subcommands = {DevCommand.Bootstrap.class})
final class DevCommand {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    static String random(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(out);
    }

    @Command(
            name = "bootstrap",
            description = "Create a tenant, a PF template, an owner and a sandbox key, and print shell exports."
                    + " The owner's password and the key are printed this once.")
    static final class Bootstrap implements Runnable {
        @Inject
        TenantService tenants;

        @Inject
        TemplateService templates;

        @Inject
        UserService users;

        @Inject
        ApiKeyService keys;

        @Inject
        io.micronaut.context.env.Environment configuration;

        @Inject
        Output output;

        @Option(names = "--name", description = "The tenant's name (default: Corretora Dev).")
        String name;

        @Option(names = "--email", description = "The owner's sign-in address (default: a new dev-...@example.com).")
        String email;

        @Option(
                names = "--url",
                description = "Where the server answers (default: http://localhost:<micronaut.server.port>).")
        String url;

        @Option(names = "--actor", description = "Who runs this (audit log).")
        String actor;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            SecureRandom random = new SecureRandom();
            String who = Actor.current(actor);
            String owner = email != null ? email : "dev-" + random(random, 8).toLowerCase() + "@example.com";
            String baseUrl = stripSlash(url != null ? url : "http://localhost:" + port());
            // Generated, never typed: 24 base62 characters are about 143 bits.
            char[] password = random(random, 24).toCharArray();
            var tenant = tenants.create(name != null ? name : "Corretora Dev", who);
            var template = templates.create(tenant.id(), "PF padrão", SubjectType.PF.value(), null);
            User user = users.createMember(tenant.id(), owner, Role.OWNER, password, who);
            var key = keys.create(
                    tenant.id(),
                    "Dev bootstrap - Sandbox",
                    Environment.SANDBOX,
                    List.of(Scope.RUNS_WRITE.value(), Scope.RUNS_READ.value()),
                    null,
                    null,
                    who);
            String dashboard = baseUrl + "/dashboard";
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("tenant_id", tenant.id().toString());
                row.put("template_id", template.id().toString());
                row.put("key_id", key.key().id().toString());
                row.put("api_key", key.secret());
                row.put("user_id", user.id().toString());
                row.put("email", user.email());
                row.put("password", new String(password));
                row.put("base_url", baseUrl);
                row.put("dashboard_url", dashboard);
                output.one(true, row);
            } else {
                // Only exports and comments, so that eval "$(kycert dev bootstrap)" sets them.
                System.out.println("export KYCERT_TENANT_ID=" + tenant.id());
                System.out.println("export KYCERT_TEMPLATE_ID=" + template.id());
                System.out.println("export KYCERT_API_KEY=" + key.secret());
                System.out.println("export KYCERT_BASE_URL=" + baseUrl);
                System.out.println("# Dashboard: " + dashboard);
                System.out.println("# Sign in as " + user.email() + " with password " + new String(password));
                System.out.println("# The password and the key are shown this once; store them now.");
            }
            Arrays.fill(password, '\0');
        }

        private int port() {
            int port = configuration
                    .getProperty("micronaut.server.port", Integer.class)
                    .orElse(8080);
            return port > 0 ? port : 8080;
        }

        private static String stripSlash(String value) {
            return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        }
    }
}
