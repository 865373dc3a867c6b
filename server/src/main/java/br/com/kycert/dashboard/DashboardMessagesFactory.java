package br.com.kycert.dashboard;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.i18n.ResourceBundleMessageSource;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The dashboard's words, pt-BR and English, from {@code i18n/dashboard*.properties}. */
@Factory
final class DashboardMessagesFactory {

    @Singleton
    @Named("dashboard")
    MessageSource dashboardMessages() {
        return new ResourceBundleMessageSource("i18n.dashboard");
    }
}
