package br.com.kycert.client;

import br.com.kycert.client.api.TemplatesApi;
import br.com.kycert.client.exception.KycertException;
import br.com.kycert.client.model.Template;
import br.com.kycert.client.model.TemplateList;
import java.util.Objects;
import java.util.UUID;

/**
 * Your tenant's templates: find the {@code template_id} a run needs, and what it will query and decide. Obtained from
 * {@link KycertClient#templates()}; shares the client's connections and settings, and is thread-safe. Readable with
 * the scope {@code runs:write} or {@code runs:read}; a key restricted to one subject type sees only its type.
 *
 * <pre>{@code
 * for (Template t : client.templates().listAutoPaging()) {
 *     System.out.println(t.getId() + " " + t.getName() + " " + t.getSubjectType() + " v" + t.getVersion());
 * }
 * }</pre>
 */
public final class TemplateService {

    private final ApiRequestor requestor;

    TemplateService(ApiRequestor requestor) {
        this.requestor = requestor;
    }

    /**
     * Lists one page of templates, newest first.
     *
     * @param limit the page size, 1–100, or {@code null} for the server's default (20)
     * @param cursor the previous page's {@code next_cursor}, or {@code null} for the first page
     * @return the page
     * @throws KycertException on failure
     */
    public TemplateList list(Integer limit, String cursor) {
        return list(limit, cursor, RequestOptions.none());
    }

    /**
     * Lists one page of templates, with per-request options.
     *
     * @param limit the page size, 1–100, or {@code null} for the server's default (20)
     * @param cursor the previous page's {@code next_cursor}, or {@code null} for the first page
     * @param options overrides for this request; {@code null} means none
     * @return the page
     * @throws KycertException on failure
     */
    public TemplateList list(Integer limit, String cursor, RequestOptions options) {
        return listWithResponse(limit, cursor, options).data();
    }

    /**
     * Lists one page of templates, with the response's metadata.
     *
     * @param limit the page size, 1–100, or {@code null} for the server's default (20)
     * @param cursor the previous page's {@code next_cursor}, or {@code null} for the first page
     * @param options overrides for this request; {@code null} means none
     * @return the page and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<TemplateList> listWithResponse(Integer limit, String cursor, RequestOptions options) {
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new TemplatesApi(api).listTemplatesWithHttpInfo(null, limit, cursor, headers));
    }

    /**
     * Every template of your tenant, newest first, across as many pages as needed. Lazy: a page is fetched only
     * when the iteration reaches it, and iterating again starts again. Failures are thrown from {@code hasNext()}.
     *
     * @return the templates
     */
    public Iterable<Template> listAutoPaging() {
        return listAutoPaging(null, RequestOptions.none());
    }

    /**
     * Every template across pages, with a page size and the same per-request options on every page.
     *
     * @param limit the page size, 1–100, or {@code null} for the server's default (20)
     * @param options overrides for every page's request; {@code null} means none
     * @return the templates, newest first, fetched lazily
     */
    public Iterable<Template> listAutoPaging(Integer limit, RequestOptions options) {
        RequestOptions opts = RequestOptions.orNone(options);
        return new AutoPagingTemplates(limit, (size, cursor) -> list(size, cursor, opts));
    }

    /**
     * Gets a template at its current version: subject type, sources with {@code required} and {@code timeout_ms},
     * and the rule outcomes in force.
     *
     * @param id the template's id
     * @return the template
     * @throws br.com.kycert.client.exception.NotFoundException 404 {@code template_not_found}, also for another
     *     tenant's template
     * @throws br.com.kycert.client.exception.PermissionException 403 {@code subject_type_not_allowed} for a key
     *     restricted to the other subject type
     * @throws KycertException for any other failure
     */
    public Template get(UUID id) {
        return get(id, RequestOptions.none());
    }

    /**
     * Gets a template, with per-request options.
     *
     * @param id the template's id
     * @param options overrides for this request; {@code null} means none
     * @return the template
     * @throws KycertException on failure
     */
    public Template get(UUID id, RequestOptions options) {
        return getWithResponse(id, options).data();
    }

    /**
     * Gets a template, with the response's metadata.
     *
     * @param id the template's id
     * @param options overrides for this request; {@code null} means none
     * @return the template and the response's metadata
     * @throws KycertException on failure
     */
    public KycertResponse<Template> getWithResponse(UUID id, RequestOptions options) {
        Objects.requireNonNull(id, "id");
        return requestor.send(
                "GET",
                RequestOptions.orNone(options),
                null,
                (api, headers) -> new TemplatesApi(api).getTemplateWithHttpInfo(id, null, headers));
    }
}
