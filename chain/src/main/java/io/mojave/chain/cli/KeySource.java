package io.mojave.chain.cli;

import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a service's private key comes from, by precedence: its option ({@code --private_key HEX}),
 * its file option ({@code --private_key.file FILE}), its environment variable. The two options
 * together are refused. An error names the source that was actually used, never the key.
 *
 * @param option the key option's name
 * @param fileOption the file option's name
 * @param variable the environment variable (the daemon child also gets the option's value through it)
 */
public record KeySource(String option, String fileOption, String variable) {

    /**
     * The key, if any source gives one.
     *
     * @param spec the start command, for usage errors
     * @param optionText the key option's text, null if not given
     * @param file the file option's value, null if not given
     * @throws ParameterException naming the source and the defect
     */
    public Optional<PrivateKey> resolve(CommandSpec spec, String optionText, Path file) {
        if (optionText != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give either " + option + " or " + fileOption + ", not both");
        }
        try {
            if (optionText != null) {
                return Optional.of(convert(optionText, option));
            }
            if (file != null) {
                return Optional.of(read(file));
            }
            String fromEnvironment = System.getenv(variable);
            return fromEnvironment == null || fromEnvironment.isBlank() ? Optional.empty()
                    : Optional.of(convert(fromEnvironment, variable));
        } catch (TypeConversionException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static PrivateKey convert(String text, String source) {
        try {
            return new PrivateKeyConverter().convert(text);
        } catch (TypeConversionException e) {
            throw new TypeConversionException(source + ": " + e.getMessage());
        }
    }

    private PrivateKey read(Path file) {
        try {
            return PrivateKeyFile.read(file);
        } catch (TypeConversionException e) {
            throw new TypeConversionException(fileOption + " " + file + ": " + e.getMessage());
        }
    }
}
