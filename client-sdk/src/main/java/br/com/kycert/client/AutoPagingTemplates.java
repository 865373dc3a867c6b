package br.com.kycert.client;

import br.com.kycert.client.model.Template;
import br.com.kycert.client.model.TemplateList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Every template of the tenant, across pages: fetches a page only when the previous one is used up, and follows
 * {@code next_cursor} until {@code has_more} is false. Each {@link #iterator()} starts again from the first page.
 */
final class AutoPagingTemplates implements Iterable<Template> {

    private final Integer limit;
    private final BiFunction<Integer, String, TemplateList> fetchPage;

    /**
     * @param limit the page size to ask for, or {@code null} for the server's default
     * @param fetchPage (limit, cursor or {@code null} for the first page) → the page
     */
    AutoPagingTemplates(Integer limit, BiFunction<Integer, String, TemplateList> fetchPage) {
        this.limit = limit;
        this.fetchPage = fetchPage;
    }

    @Override
    public Iterator<Template> iterator() {
        return new Iterator<>() {
            private Iterator<Template> page = Collections.emptyIterator();
            private boolean started;
            private String cursor;

            @Override
            public boolean hasNext() {
                while (!page.hasNext()) {
                    if (started && cursor == null) {
                        return false;
                    }
                    String requested = cursor;
                    TemplateList list = fetchPage.apply(limit, requested);
                    started = true;
                    List<Template> data = list.getData() == null ? List.of() : list.getData();
                    page = data.iterator();
                    cursor = Boolean.TRUE.equals(list.getHasMore()) ? list.getNextCursor() : null;
                    if (cursor != null && Objects.equals(cursor, requested)) {
                        // A server bug would otherwise make this loop forever.
                        throw new IllegalStateException(
                                "kycert returned the cursor it was given as next_cursor: " + cursor);
                    }
                }
                return true;
            }

            @Override
            public Template next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
    }
}
