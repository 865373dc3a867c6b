package br.com.kycert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help texts name the accepted values from their one definition, not from a copy. */
class CliHelpTest {

    @Test
    void keyCreationHelpListsTheScopesEnvironmentsAndSubjectTypes() {
        String usage = new CommandLine(new KeysCommand.Create()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(usage)
                .contains("Comma-separated: runs:write, runs:read, detail:read.")
                .contains("live, sandbox (fixed for the key's life).")
                .contains("one type: pf, pj.");
    }

    @Test
    void templateAndRateLimitHelpListTheSubjectTypesAndEnvironments() {
        assertThat(new CommandLine(new TemplatesCommand.Create()).getUsageMessage(CommandLine.Help.Ansi.OFF))
                .containsPattern("--subject-type=<subjectType>\\s+pf, pj\\.");
        for (Object command : new Object[] {new TenantsCommand.SetRateLimit(), new TenantsCommand.RateLimit()}) {
            assertThat(new CommandLine(command).getUsageMessage(CommandLine.Help.Ansi.OFF))
                    .containsPattern("--env=<environment>\\s+live, sandbox\\.");
        }
    }

    @Test
    void badValuesAreRefusedInTheWordsOfTheirDefinition() {
        var create = new KeysCommand.Create();
        var cli = new CommandLine(create);
        var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> cli.parseArgs(
                        "--tenant",
                        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                        "--name",
                        "x",
                        "--env",
                        "prod",
                        "--scopes",
                        "runs:read"),
                CommandLine.ParameterException.class);
        assertThat(e.getMessage()).contains("--env must be live or sandbox");
        var subject = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> new CommandLine(new KeysCommand.Create())
                        .parseArgs(
                                "--tenant",
                                "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                                "--name",
                                "x",
                                "--env",
                                "live",
                                "--scopes",
                                "runs:read",
                                "--subject-type",
                                "pq"),
                CommandLine.ParameterException.class);
        assertThat(subject.getMessage()).contains("--subject-type must be pf or pj");
    }
}
