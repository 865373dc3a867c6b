package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.NotFoundException;
import br.com.kycert.client.model.SubjectType;
import br.com.kycert.client.model.Template;
import br.com.kycert.client.model.TemplateRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private FakeKycertServer server;
    private KycertClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeKycertServer();
        client = Fixtures.clientFor(server, new Fixtures.RecordingSleeper()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static UUID id(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    static String templateJson(UUID id) {
        return """
                {"id":"%s","object":"template","name":"PF padrão","subject_type":"pf","version":2,
                 "sources":[{"source":"receita_cpf","required":true,"timeout_ms":2000}],
                 "rules":[{"rule":"holder_deceased","source":"receita_cpf","outcome":"off"}],
                 "created_at":"2026-06-03T12:00:00Z","updated_at":"2026-06-04T12:00:00Z"}
                """.formatted(id);
    }

    private static String page(List<Integer> ids, String nextCursor) {
        String data = ids.stream().map(n -> templateJson(id(n))).collect(Collectors.joining(","));
        return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + (nextCursor != null) + ",\"next_cursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    @Test
    void getTemplateReadsEveryField() {
        server.enqueue(Reply.json(200, templateJson(id(7))));
        Template t = client.templates().get(id(7));
        assertThat(t.getSubjectType()).isEqualTo(SubjectType.PF);
        assertThat(t.getVersion()).isEqualTo(2);
        assertThat(t.getSources().get(0).getTimeoutMs()).isEqualTo(2000);
        assertThat(t.getRules().get(0).getOutcome()).isEqualTo(TemplateRule.OutcomeEnum.OFF);
        assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/bureau/templates/" + id(7));
    }

    @Test
    void autoPagingFollowsNextCursorLazilyWithThePageSize() {
        server.enqueue(Reply.json(200, page(List.of(1, 2), "c2")), Reply.json(200, page(List.of(3), null)));
        Iterable<Template> all = client.templates().listAutoPaging(2, null);
        assertThat(server.requests()).as("nothing is fetched before iterating").isEmpty();
        List<UUID> seen = new ArrayList<>();
        Iterator<Template> it = all.iterator();
        seen.add(it.next().getId());
        assertThat(server.requests()).hasSize(1);
        it.forEachRemaining(t -> seen.add(t.getId()));
        assertThat(seen).containsExactly(id(1), id(2), id(3));
        assertThat(server.requests())
                .extracting(FakeKycertServer.Received::path)
                .containsOnly("/api/v1/bureau/templates");
        assertThat(server.requests().get(0).query()).containsExactlyEntriesOf(java.util.Map.of("limit", "2"));
        assertThat(server.requests().get(1).query()).containsEntry("limit", "2").containsEntry("cursor", "c2");
    }

    @Test
    void aMissingTemplateIsNotFound() {
        server.enqueue(Reply.problem(404, Fixtures.problem(404, "template_not_found")));
        assertThatThrownBy(() -> client.templates().get(id(1)))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getCode()).isEqualTo("template_not_found"));
    }
}
