package br.com.kycert.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's landing page and the way to the API Keys page the reference describes: Settings →
 * Developer → API Keys. Also the language switch.
 */
@Controller("/dashboard")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class NavigationController {

    private final Pages pages;

    NavigationController(Pages pages) {
        this.pages = pages;
    }

    @Get
    HttpResponse<?> home(HttpRequest<?> request) {
        return pages.render(request, "home", Map.of("nav", "home"));
    }

    @Get("/settings")
    HttpResponse<?> settings(HttpRequest<?> request) {
        return pages.render(request, "settings", Map.of("nav", "settings"));
    }

    @Get("/settings/developer")
    HttpResponse<?> developer(HttpRequest<?> request) {
        return pages.render(request, "developer", Map.of("nav", "settings"));
    }

    /**
     * Switches the language and goes back where the user was. Nothing secret travels: the language in
     * the query, the page to return to (only a dashboard path), and a cookie that holds the choice.
     */
    @Get("/language")
    HttpResponse<?> language(
            HttpRequest<?> request, @Nullable @QueryValue String lang, @Nullable @QueryValue String next) {
        Locale chosen = DashboardLocales.supported(lang);
        String back = next != null
                        && next.startsWith("/dashboard")
                        && !next.startsWith("//")
                        && next.chars().noneMatch(c -> c < 0x20 || c == '\\')
                ? next
                : "/dashboard";
        var response = Pages.seeOther(back);
        if (chosen != null) {
            response.cookie(DashboardCookies.strict(
                    request, DashboardLocales.COOKIE, DashboardLocales.tag(chosen), Duration.ofDays(365)));
        }
        return response;
    }
}
