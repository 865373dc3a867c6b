package br.com.kycert.cli;

import br.com.kycert.templates.TemplateService;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "templates",
        description = "Manage run templates.",
        subcommands = {
            TemplatesCommand.Create.class,
            TemplatesCommand.Update.class,
            TemplatesCommand.ListTemplates.class
        })
final class TemplatesCommand {

    static Map<String, Object> row(TemplateService templates, TemplateService.Template t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", t.id().toString());
        row.put("tenant_id", t.tenantId().toString());
        row.put("name", t.name());
        row.put("subject_type", t.subjectType().value());
        row.put("version", t.revision().version());
        row.put(
                "sources",
                t.sources().stream()
                        .filter(TemplateService.TemplateSource::required)
                        .map(TemplateService.TemplateSource::source)
                        .toList());
        row.put(
                "optional_sources",
                t.sources().stream()
                        .filter(s -> !s.required())
                        .map(TemplateService.TemplateSource::source)
                        .toList());
        row.put("timeout_ms", t.sources().get(0).timeout_ms());
        row.put("rules", templates.ruleOutcomes(t));
        row.put("created_at", t.revision().createdAt().toString());
        return row;
    }

    @Command(name = "create", description = "Create a template and print it.")
    static final class Create implements Runnable {
        @Inject
        TemplateService templates;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--name", required = true)
        String name;

        @Option(
                names = "--subject-type",
                required = true,
                description = "${COMPLETION-CANDIDATES}.",
                completionCandidates = Candidates.SubjectTypes.class)
        String subjectType;

        @Option(
                names = "--sources",
                split = ",",
                description = "Required sources (default: every source that serves the subject type).")
        List<String> sources;

        @Option(
                names = "--optional",
                split = ",",
                description = "Optional sources: their failure only makes a run partial.")
        List<String> optional;

        @Option(names = "--timeout-ms", description = "Per-source timeout, 100-10000 (default 2000).")
        Integer timeoutMs;

        @Option(
                names = "--rule",
                description = "Re-grade or switch off a default rule: NAME=approved|review|rejected|off"
                        + " (e.g. pep_match=rejected). Repeatable.")
        Map<String, String> rules;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(
                    json,
                    row(templates, templates.create(tenantId, name, subjectType, sources, optional, timeoutMs, rules)));
        }
    }

    @Command(name = "update", description = "Change a template; its version increments (runs keep theirs).")
    static final class Update implements Runnable {
        @Inject
        TemplateService templates;

        @Inject
        Output output;

        @Parameters(paramLabel = "TEMPLATE_ID")
        UUID templateId;

        @Option(names = "--name")
        String name;

        @Option(names = "--sources", split = ",", description = "Required sources.")
        List<String> sources;

        @Option(names = "--optional", split = ",", description = "Optional sources.")
        List<String> optional;

        @Option(names = "--timeout-ms", description = "Per-source timeout, 100-10000.")
        Integer timeoutMs;

        @Option(
                names = "--rule",
                description =
                        "Re-grade or switch off a default rule: NAME=approved|review|rejected|off." + " Repeatable.")
        Map<String, String> rules;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.one(json, row(templates, templates.update(templateId, name, sources, optional, timeoutMs, rules)));
        }
    }

    @Command(name = "list", description = "List a tenant's templates.")
    static final class ListTemplates implements Runnable {
        @Inject
        TemplateService templates;

        @Inject
        Output output;

        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID")
        UUID tenantId;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            output.many(
                    json,
                    templates.list(tenantId).stream()
                            .map(t -> row(templates, t))
                            .toList());
        }
    }
}
