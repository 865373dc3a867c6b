package br.com.kycert.dashboard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;

/**
 * Micronaut Views' filter (which renders {@code @View} routes and {@code ModelAndView} bodies) on the dashboard's
 * paths only. Its own registration matches every path, so every API request went through one more reactive filter
 * that never applies there: the API answers JSON, and the dashboard renders its pages through {@link Pages}.
 */
@Replaces(ViewsFilter.class)
@Filter({"/dashboard", "/dashboard/**"})
class DashboardViewsFilter extends ViewsFilter {

    DashboardViewsFilter(
            ViewsResolver viewsResolver,
            ViewsRendererLocator viewsRendererLocator,
            ViewsModelDecorator viewsModelDecorator,
            TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
