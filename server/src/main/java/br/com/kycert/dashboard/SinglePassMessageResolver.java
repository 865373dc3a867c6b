package br.com.kycert.dashboard;

import io.micronaut.context.MessageSource;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.views.thymeleaf.MessageSourceMessageResolver;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The pages' messages ({@code #{...}} in the templates), formatted once. micronaut-views' resolver
 * asks the message source for a message, which interpolates it, and then interpolates the result a
 * second time: an apostrophe written as {@code ''} (the bundles' escape) vanished, and so did one in
 * a value, e.g. the key name "Ana's ERP" read "Anas ERP" on its Revoke page. Here the first step
 * hands over the raw text, so the second one is the only one: {@code ''} is an apostrophe, and
 * names are shown exactly as typed.
 */
@Singleton
@Replaces(MessageSourceMessageResolver.class)
final class SinglePassMessageResolver extends MessageSourceMessageResolver {

    SinglePassMessageResolver(MessageSource messages) {
        super(new RawFirst(messages));
    }

    /** Answers {@code getMessage} with the raw text; interpolation is left to {@code interpolate}. */
    private record RawFirst(MessageSource delegate) implements MessageSource {

        @Override
        public Optional<String> getMessage(String code, MessageContext context) {
            return delegate.getRawMessage(code, context);
        }

        @Override
        public Optional<String> getRawMessage(String code, MessageContext context) {
            return delegate.getRawMessage(code, context);
        }

        @Override
        public String interpolate(String template, MessageContext context) {
            return delegate.interpolate(template, context);
        }

        @Override
        public int getOrder() {
            return delegate.getOrder();
        }
    }
}
