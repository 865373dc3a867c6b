package br.com.kycert.shared.web;

import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.bind.binders.AnnotatedRequestArgumentBinder;
import io.micronaut.http.bind.binders.QueryValueArgumentBinder;
import io.micronaut.http.bind.binders.RequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

/**
 * Binds an enum query parameter (a list's {@code status}, {@code decision}, {@code subject_type}) without
 * the framework's detour for an absent one.
 *
 * <p>When such a parameter is absent, Micronaut's {@link QueryValueArgumentBinder} falls back to building
 * the enum as a bean from its introspection: it calls the generated {@code fromValue(null)}, which throws,
 * and it catches the exception to answer "unsatisfied". That was three exceptions, each with its stack
 * trace, on every list request. An absent parameter without a default is unsatisfied here at once (the
 * parameter is then null, as before); a present one is bound by the framework's own binder, so a valid
 * value, an invalid value's 400 and its message stay exactly what they were.
 */
@Singleton
@SuppressWarnings({"rawtypes", "unchecked"})
final class EnumQueryValueBinder
        implements AnnotatedRequestArgumentBinder<QueryValue, Enum>, TypedRequestArgumentBinder<Enum> {

    private static final Argument<Enum> TYPE = Argument.of(Enum.class);

    private final QueryValueArgumentBinder<Enum> framework;
    private final String name;
    private final boolean defaulted;

    EnumQueryValueBinder(ConversionService conversionService) {
        this(new QueryValueArgumentBinder<>(conversionService), null, false);
    }

    private EnumQueryValueBinder(QueryValueArgumentBinder<Enum> framework, String name, boolean defaulted) {
        this.framework = framework;
        this.name = name;
        this.defaulted = defaulted;
    }

    @Override
    public Class<QueryValue> getAnnotationType() {
        return QueryValue.class;
    }

    @Override
    public Argument<Enum> argumentType() {
        return TYPE;
    }

    @Override
    public RequestArgumentBinder<Enum> createSpecific(Argument<Enum> argument) {
        var metadata = argument.getAnnotationMetadata();
        String parameter = metadata.stringValue(QueryValue.class)
                .filter(value -> !value.isEmpty())
                .orElse(argument.getName());
        boolean hasDefault =
                metadata.stringValue(Bindable.class, "defaultValue").isPresent();
        return new EnumQueryValueBinder(
                (QueryValueArgumentBinder<Enum>) framework.createSpecific(argument), parameter, hasDefault);
    }

    @Override
    public BindingResult<Enum> bind(ArgumentConversionContext<Enum> context, HttpRequest<?> source) {
        if (name != null && !defaulted && !source.getParameters().contains(name)) {
            return BindingResult.unsatisfied();
        }
        return framework.bind(context, source);
    }
}
