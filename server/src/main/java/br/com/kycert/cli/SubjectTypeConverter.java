package br.com.kycert.cli;

import br.com.kycert.shared.SubjectType;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --subject-type pf|pj}, for every command that takes one. */
final class SubjectTypeConverter implements ITypeConverter<SubjectType> {

    @Override
    public SubjectType convert(String value) {
        return SubjectType.find(value)
                .orElseThrow(() -> new TypeConversionException("--subject-type must be "
                        + String.join(
                                " or ",
                                Arrays.stream(SubjectType.values())
                                        .map(SubjectType::value)
                                        .toList())));
    }
}
