package br.com.kycert.cli;

import br.com.kycert.templates.TemplateService;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "templates", description = "Manage run templates.", subcommands = {TemplatesCommand.Create.class})
final class TemplatesCommand {

    @Command(name = "create", description = "Create a template and print it.")
    static final class Create implements Runnable {
        @Inject TemplateService templates;
        @Inject Output output;
        @Option(names = "--tenant", required = true, paramLabel = "TENANT_ID") UUID tenantId;
        @Option(names = "--name", required = true) String name;
        @Option(names = "--subject-type", required = true, description = "pf or pj") String subjectType;
        @Option(names = "--sources", split = ",", description = "Sources to query (default: all that serve the subject type).")
        List<String> sources;
        @Option(names = "--json", description = "Print JSON.") boolean json;

        @Override
        public void run() {
            TemplateService.Template t = templates.create(tenantId, name, subjectType, sources);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", t.id().toString());
            row.put("tenant_id", t.tenantId().toString());
            row.put("name", t.name());
            row.put("subject_type", t.subjectType());
            row.put("version", t.version());
            row.put("sources", t.sources().stream().map(TemplateService.TemplateSource::source).toList());
            row.put("created_at", t.createdAt().toString());
            output.one(json, row);
        }
    }
}
