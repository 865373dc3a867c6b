package br.com.kycert.cli;

import picocli.CommandLine.Command;

/** The operator CLI. {@code serve} is handled before this (it starts the HTTP server). */
@Command(
        name = "kycert",
        mixinStandardHelpOptions = true,
        description = "kycert operator CLI (same configuration and database as the server).",
        subcommands = {
            TenantsCommand.class,
            TemplatesCommand.class,
            KeysCommand.class,
            CreditsCommand.class,
            WebhooksCommand.class,
            UsersCommand.class,
            SupportCommand.class,
            DevCommand.class
        })
final class KycertCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this),
                "a command is required: serve, tenants, templates, keys, credits, webhooks, users, support or dev");
    }
}
