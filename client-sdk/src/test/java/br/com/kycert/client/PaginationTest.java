package br.com.kycert.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.kycert.client.FakeKycertServer.Received;
import br.com.kycert.client.FakeKycertServer.Reply;
import br.com.kycert.client.exception.AuthenticationException;
import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunList;
import br.com.kycert.client.model.RunStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaginationTest {

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

    private static String page(List<Integer> ids, String nextCursor) {
        String data =
                ids.stream().map(n -> Fixtures.runJson(id(n), "completed")).collect(Collectors.joining(","));
        return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + (nextCursor != null) + ",\"next_cursor\":"
                + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
    }

    @Test
    void autoPagingFollowsNextCursorAcrossThreePagesLazilyKeepingTheFilters() {
        server.enqueue(
                Reply.json(200, page(List.of(1, 2), "cursor_page_2")),
                Reply.json(200, page(List.of(3, 4), "cursor_page_3")),
                Reply.json(200, page(List.of(5), null)));
        ListRunsParams params =
                ListRunsParams.builder().status(RunStatus.COMPLETED).limit(2).build();

        Iterable<Run> runs = client.runs().listAutoPaging(params);
        assertThat(server.requests()).as("nothing is fetched before iterating").isEmpty();

        Iterator<Run> iterator = runs.iterator();
        assertThat(iterator.next().getId()).isEqualTo(id(1));
        assertThat(server.requests()).as("one page at a time").hasSize(1);

        List<UUID> rest = new ArrayList<>();
        iterator.forEachRemaining(run -> rest.add(run.getId()));
        assertThat(rest).containsExactly(id(2), id(3), id(4), id(5));

        List<Received> requests = server.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).query()).doesNotContainKey("cursor");
        assertThat(requests.get(1).query()).containsEntry("cursor", "cursor_page_2");
        assertThat(requests.get(2).query()).containsEntry("cursor", "cursor_page_3");
        assertThat(requests)
                .allSatisfy(r -> assertThat(r.query())
                        .containsEntry("status", "completed")
                        .containsEntry("limit", "2"));
    }

    @Test
    void emptyPagesWithMoreToComeAreSkipped() {
        server.enqueue(Reply.json(200, page(List.of(), "c2")), Reply.json(200, page(List.of(7), null)));

        List<Run> runs = new ArrayList<>();
        client.runs().listAutoPaging(ListRunsParams.none()).forEach(runs::add);

        assertThat(runs).extracting(Run::getId).containsExactly(id(7));
    }

    @Test
    void emptyListHasNoElementsAndEachIterationStartsOver() {
        server.enqueue(Reply.json(200, page(List.of(), null)), Reply.json(200, page(List.of(9), null)));
        Iterable<Run> runs = client.runs().listAutoPaging(null);

        assertThat(runs.iterator().hasNext()).isFalse();
        assertThat(runs).extracting(Run::getId).containsExactly(id(9));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aRepeatedCursorStopsInsteadOfLoopingForever() {
        server.enqueue(Reply.json(200, page(List.of(1), "same")), Reply.json(200, page(List.of(2), "same")));

        Iterator<Run> iterator =
                client.runs().listAutoPaging(ListRunsParams.none()).iterator();
        iterator.next();
        assertThatThrownBy(iterator::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("same");
    }

    @Test
    void failuresSurfaceFromTheIterator() {
        server.enqueue(Reply.problem(401, Fixtures.problem(401, "invalid_api_key")));

        Iterator<Run> iterator =
                client.runs().listAutoPaging(ListRunsParams.none()).iterator();

        assertThatThrownBy(iterator::hasNext).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void singlePageListExposesTheCursor() {
        server.enqueue(Reply.json(200, page(IntStream.rangeClosed(1, 3).boxed().toList(), "next_one")));

        RunList page = client.runs().list(ListRunsParams.builder().limit(3).build());

        assertThat(page.getData()).hasSize(3);
        assertThat(page.getHasMore()).isTrue();
        assertThat(page.getNextCursor()).isEqualTo("next_one");
    }
}
