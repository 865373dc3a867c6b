package br.com.kycert.client;

import br.com.kycert.client.model.Run;
import br.com.kycert.client.model.RunList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every run matching some parameters, across pages: fetches a page only when the previous one is used up, and
 * follows {@code next_cursor} until {@code has_more} is false. Each {@link #iterator()} starts again from the
 * parameters' own cursor.
 */
final class AutoPagingRuns implements Iterable<Run> {

    private final ListRunsParams first;
    private final Function<ListRunsParams, RunList> fetchPage;

    AutoPagingRuns(ListRunsParams first, Function<ListRunsParams, RunList> fetchPage) {
        this.first = first;
        this.fetchPage = fetchPage;
    }

    @Override
    public Iterator<Run> iterator() {
        return new Iterator<>() {
            private Iterator<Run> page = Collections.emptyIterator();
            private ListRunsParams next = first;

            @Override
            public boolean hasNext() {
                while (!page.hasNext()) {
                    if (next == null) {
                        return false;
                    }
                    ListRunsParams request = next;
                    RunList list = fetchPage.apply(request);
                    List<Run> data = list.getData() == null ? List.of() : list.getData();
                    page = data.iterator();
                    next = following(request, list);
                }
                return true;
            }

            @Override
            public Run next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }

    private static ListRunsParams following(ListRunsParams request, RunList list) {
        String cursor = list.getNextCursor();
        if (!Boolean.TRUE.equals(list.getHasMore()) || cursor == null) {
            return null;
        }
        if (Objects.equals(cursor, request.getCursor())) {
            // A server bug would otherwise make this loop forever.
            throw new IllegalStateException("kycert returned the cursor it was given as next_cursor: " + cursor);
        }
        return request.toBuilder().cursor(cursor).build();
    }
}
