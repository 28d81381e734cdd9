package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.mojave.daemon.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a daemonizing {@code init} must know of the app's command line before picocli has parsed
 * it: the secret options of its {@code init} subcommand, each with the environment variable that
 * hands it on to the daemon child. The build records it in {@value #RESOURCE} (the extension's
 * deployment processor reads the annotations from the Jandex index), so that the early child
 * starts without reflection, whose annotation proxies cost a JVM that lives a second some 25 ms;
 * without the recording (commands run in-process by tests) the annotations are read.
 */
public final class InitCommandModel {

    /**
     * The build's recording: a properties file on the app's class path. For each top command with
     * an {@code init} subcommand, {@code <top command class>.init} is present, and
     * {@code <top command class>.secret.<option name>} names each secret option's environment variable.
     */
    public static final String RESOURCE = "META-INF/mojave-daemon/init-command.properties";
    /** Suffix of the key that marks a recorded top command. */
    public static final String RECORDED = ".init";
    /** Infix of the keys that name a secret option (the rest of the key); the value is its environment variable. */
    public static final String SECRET = ".secret.";
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
        ClassLoader loader = topCommand.getClassLoader();
        Properties recording = new Properties();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            recording.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (recording.getProperty(topCommand.getName() + RECORDED) == null) {
            return Optional.empty();
        }
        String secretPrefix = topCommand.getName() + SECRET;
        Map<String, String> secrets = new HashMap<>();
        for (String key : recording.stringPropertyNames()) {
            if (key.startsWith(secretPrefix)) {
                secrets.put(key.substring(secretPrefix.length()), recording.getProperty(key));
            }
        }
        return Optional.of(secrets);
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
