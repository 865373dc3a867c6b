package br.com.kycert.cli;

import br.com.kycert.keys.KeyEnvironment;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --env live|sandbox}, for every command that takes one. */
final class EnvironmentConverter implements ITypeConverter<KeyEnvironment> {

    @Override
    public KeyEnvironment convert(String value) {
        try {
            return KeyEnvironment.of(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("--env must be live or sandbox");
        }
    }
}
