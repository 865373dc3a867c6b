package br.com.kycert.cli;

import br.com.kycert.shared.Environment;
import java.util.Arrays;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --env live|sandbox}, for every command that takes one. */
final class EnvironmentConverter implements ITypeConverter<Environment> {

    @Override
    public Environment convert(String value) {
        return Environment.find(value)
                .orElseThrow(() -> new TypeConversionException("--env must be "
                        + String.join(
                                " or ",
                                Arrays.stream(Environment.values())
                                        .map(Environment::value)
                                        .toList())));
    }
}
