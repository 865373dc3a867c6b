package br.com.kycert.dashboard;

import br.com.kycert.tenants.TenantService;
import io.micronaut.context.MessageSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a dashboard page (a Thymeleaf template under {@code views/dashboard}) in the request's
 * language, with what the shared layout needs: the signed-in user, the CSRF token, the language
 * switch. Every page of the dashboard, error pages included, goes through here.
 */
@Singleton
public final class Pages {

    private final TemplateEngine engine;
    private final DashboardLocales locales;
    private final MessageSource messages;
    private final TenantService tenants;

    Pages(
            TemplateEngine engine,
            DashboardLocales locales,
            @Named("dashboard") MessageSource messages,
            TenantService tenants) {
        this.engine = engine;
        this.locales = locales;
        this.messages = messages;
        this.tenants = tenants;
    }

    /** A 200 page. */
    public MutableHttpResponse<String> render(HttpRequest<?> request, String view, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, model);
    }

    public MutableHttpResponse<String> render(
            HttpRequest<?> request, HttpStatus status, String view, Map<String, Object> model) {
        Locale locale = locales.resolve(request);
        Map<String, Object> variables = new HashMap<>(model);
        DashboardSession session = DashboardRequests.session(request).orElse(null);
        variables.put("me", session);
        if (session != null && !session.isSupport()) {
            variables.putIfAbsent(
                    "tenantName",
                    tenants.find(session.tenantId())
                            .map(TenantService.Tenant::name)
                            .orElse(""));
        }
        variables.putIfAbsent("csrf", session == null ? null : session.csrfToken());
        variables.put("lang", DashboardLocales.tag(locale));
        variables.putIfAbsent("here", request.getPath());
        StringWriter html = new StringWriter();
        engine.process("dashboard/" + view, new Context(locale, variables), html);
        return HttpResponse.<String>status(status)
                .contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8")
                .body(html.toString());
    }

    /** The error page: 403, 404 and the rest, same layout, no detail that could leak anything. */
    public MutableHttpResponse<String> error(HttpRequest<?> request, HttpStatus status, String reason) {
        // The language switch leads back to the dashboard, not to the URL: error pages must not differ
        // by the id in the URL (another tenant's key and a missing one look exactly alike).
        return render(
                request, status, "error", Map.of("status", status.getCode(), "reason", reason, "here", "/dashboard"));
    }

    /** A message in the request's language, for texts built in code (flash notices, form errors). */
    public String message(HttpRequest<?> request, String key, Map<String, Object> variables) {
        Locale locale = locales.resolve(request);
        var context = MessageSource.MessageContext.of(locale, variables);
        // Interpolated once, as the templates' messages are (SinglePassMessageResolver).
        return messages.getRawMessage(key, context)
                .map(t -> messages.interpolate(t, context))
                .orElse(key);
    }

    /** 303 to another dashboard page (Post/Redirect/Get). */
    public static MutableHttpResponse<?> seeOther(String path) {
        return HttpResponse.status(HttpStatus.SEE_OTHER).header("Location", path);
    }
}
