package br.com.kycert.versions;

import java.util.List;
import java.util.Map;

/**
 * 2026-12-01, LGPD data minimisation: a run's document is {@code subject.doc}, always masked outside
 * {@code /detail}, the only place (with {@code detail:read}) that has it in full. Before: {@code subject.doc_masked}.
 */
final class SubjectDocumentChange implements VersionChange {

    static final String VERSION = "2026-12-01";

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String summary() {
        return "Runs and run lists carry the subject's document in `subject.doc`, always masked (CPF"
                + " `***.982.247-**`, CNPJ `**.ABC.345/****-**`); it used to be `subject.doc_masked`. The full document"
                + " is only in `GET /api/v1/bureau/runs/{id}/detail`, for `detail:read` keys.";
    }

    @Override
    public void downgradeResponse(String operationId, Object body) {
        switch (operationId) {
            case "createRun", "getRun" -> renameInRun(body);
            case "listRuns" ->
                JsonValues.list(JsonValues.map(body).get("data")).forEach(SubjectDocumentChange::renameInRun);
            default -> {
                // No other response has a run's subject; the detail's subject.doc is the full document in every
                // version.
            }
        }
    }

    private static void renameInRun(Object run) {
        Map<String, Object> subject = JsonValues.map(JsonValues.map(run).get("subject"));
        if (subject.containsKey("doc")) {
            subject.put("doc_masked", subject.remove("doc"));
        }
    }

    @Override
    public void downgradeSpec(Map<String, Object> spec) {
        Map<String, Object> subject = JsonValues.at(spec, "components", "schemas", "Subject");
        Map<String, Object> properties = JsonValues.map(subject.get("properties"));
        Map<String, Object> doc = JsonValues.map(properties.remove("doc"));
        doc.put("description", "The document with most digits hidden. The full document is only in `getRunDetail`.");
        JsonValues.putAfter(properties, "type", "doc_masked", doc);
        List<Object> required = JsonValues.list(subject.get("required"));
        required.replaceAll(field -> "doc".equals(field) ? "doc_masked" : field);
        Map<String, Object> examples = JsonValues.at(spec, "components", "examples");
        for (String run : List.of("QueuedRun", "CompletedRun")) {
            renameInRun(JsonValues.at(examples, run, "value"));
        }
        JsonValues.list(JsonValues.at(examples, "RunListPage", "value").get("data"))
                .forEach(SubjectDocumentChange::renameInRun);
    }
}
