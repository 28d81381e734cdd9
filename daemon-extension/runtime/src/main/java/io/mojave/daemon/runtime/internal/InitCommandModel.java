package io.mojave.daemon.runtime.internal;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mojave.daemon.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a daemonizing {@code init} must know of the app's command line before picocli has parsed
 * it: the secret options of its {@code init} subcommand, each with the environment variable that
 * hands it on to the daemon child. The build records them with the rest of the command model
 * ({@link CommandModel}), so that the early child starts without reflection, whose annotation
 * proxies cost a JVM that lives a second some 25 ms; without the recording (commands run
 * in-process by tests) the annotations are read.
 */
public final class InitCommandModel {

    /** The name of the subcommand that starts the service. */
    public static final String INIT = "init";

    private InitCommandModel() {
    }

    /**
     * The secret options of {@code topCommand}'s {@code init} subcommand and its mixins, option
     * name to environment variable; empty when it has no such subcommand.
     */
    public static Optional<Map<String, String>> secretOptions(Class<?> topCommand) {
        Optional<Map<String, String>> recorded = recorded(topCommand);
        return recorded.isPresent() ? recorded : reflected(topCommand);
    }

    /** What the build recorded for {@code topCommand}, if it did. */
    public static Optional<Map<String, String>> recorded(Class<?> topCommand) {
        return CommandModel.secretOptions(topCommand, INIT);
    }

    /** The same, read from {@code topCommand}'s annotations. */
    public static Optional<Map<String, String>> reflected(Class<?> topCommand) {
        Command top = topCommand.getAnnotation(Command.class);
        if (top == null) {
            return Optional.empty();
        }
        for (Class<?> candidate : top.subcommands()) {
            Command command = candidate.getAnnotation(Command.class);
            if (command != null && command.name().equals(INIT)) {
                return Optional.of(secretOptionsOf(candidate));
            }
        }
        return Optional.empty();
    }

    /** The secret options of {@code command} and its mixins, each with its environment variable. */
    static Map<String, String> secretOptionsOf(Class<?> command) {
        Map<String, String> secrets = new HashMap<>();
        Deque<Class<?>> toScan = new ArrayDeque<>(List.of(command));
        while (!toScan.isEmpty()) {
            for (Class<?> type = toScan.pop(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    Secret secret = field.getAnnotation(Secret.class);
                    Option option = field.getAnnotation(Option.class);
                    if (secret != null && option != null) {
                        for (String name : option.names()) {
                            secrets.put(name, secret.env());
                        }
                    }
                    if (field.isAnnotationPresent(Mixin.class)) {
                        toScan.push(field.getType());
                    }
                }
            }
        }
        return secrets;
    }
}
