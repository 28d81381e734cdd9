package io.mojave.daemon.launch;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mojave.daemon.Secret;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The parsed command line of {@code init}, seen by the daemon runtime: the arguments to hand to the
 * daemon child without the secrets, the secrets as environment variables, and a redacted rendering
 * for the log.
 */
public final class CommandLineArguments {

    /** Shown in place of a secret's value. */
    public static final String REDACTED = "[REDACTED]";

    private final List<String> original;
    private final ParseResult subcommand;

    /** @param init the spec of the {@code init} command after parsing */
    public CommandLineArguments(CommandSpec init) {
        this.original = init.root().commandLine().getParseResult().originalArgs();
        this.subcommand = init.commandLine().getParseResult();
    }

    /** The original arguments minus every secret option and its value. */
    public List<String> withoutSecrets() {
        List<String> names = new ArrayList<>();
        for (OptionSpec option : subcommand.matchedOptions()) {
            if (secret(option).isPresent()) {
                names.addAll(List.of(option.names()));
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            String argument = original.get(i);
            if (names.contains(argument)) {
                i++; // skip the value too
            } else if (names.stream().noneMatch(name -> argument.startsWith(name + "="))) {
                kept.add(argument);
            }
        }
        return kept;
    }

    /** The secrets given on the command line, keyed by the environment variable that carries them to the child. */
    public Map<String, String> secretEnvironment() {
        Map<String, String> environment = new HashMap<>();
        for (OptionSpec option : subcommand.matchedOptions()) {
            secret(option).ifPresent(secret -> {
                List<String> values = option.originalStringValues();
                if (!values.isEmpty()) {
                    environment.put(secret.env(), values.get(values.size() - 1));
                }
            });
        }
        return environment;
    }

    /** The options as given, {@code --name=value}, with secrets (given or from the environment) shown as {@value #REDACTED}. */
    public List<String> redacted() {
        List<String> rendered = new ArrayList<>();
        for (OptionSpec option : subcommand.matchedOptions()) {
            String value = secret(option).isPresent() ? REDACTED : String.join(",", option.originalStringValues());
            rendered.add(option.longestName() + (option.arity().max() == 0 ? "" : "=" + value));
        }
        // A secret that came from its environment variable (as the daemon child gets it) is worth a mention too.
        for (OptionSpec option : subcommand.commandSpec().options()) {
            secret(option).filter(secret -> !subcommand.hasMatchedOption(option)
                    && (option.getValue() != null || System.getenv(secret.env()) != null))
                    .ifPresent(secret -> rendered.add(option.longestName() + "=" + REDACTED + " (from " + secret.env() + ")"));
        }
        return rendered;
    }

    private static Optional<Secret> secret(OptionSpec option) {
        Object target = option.userObject();
        return target instanceof Field field ? Optional.ofNullable(field.getAnnotation(Secret.class)) : Optional.empty();
    }
}
