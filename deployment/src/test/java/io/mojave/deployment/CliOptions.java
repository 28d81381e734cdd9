package io.mojave.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The long options a service declares, read from its sources (its module and the daemon
 * extension's shared mixins), so that a misspelt option in an operator file is caught without
 * building the apps.
 */
final class CliOptions {

    /** picocli's {@code names = "--x"} or {@code names = {"-x", "--x"}}. */
    private static final Pattern NAMES = Pattern.compile("names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
    private static final Pattern LONG_OPTION = Pattern.compile("\"(--[A-Za-z0-9][A-Za-z0-9._-]*)\"");

    private CliOptions() {
    }

    static Set<String> declared(Service service) {
        Path root = Repository.root();
        Set<String> options = new TreeSet<>();
        for (Path sources : List.of(root.resolve(service.id()).resolve("src/main/java"),
                root.resolve("daemon-extension/runtime/src/main/java"))) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher names = NAMES.matcher(Files.readString(file));
                    while (names.find()) {
                        Matcher option = LONG_OPTION.matcher(names.group(1));
                        while (option.find()) {
                            options.add(option.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return options;
    }

    /** The {@code --options} among a command line's words ({@code --name=value} counts as {@code --name}). */
    static List<String> used(List<String> words) {
        return words.stream().filter(w -> w.startsWith("--")).map(w -> w.split("=", 2)[0]).toList();
    }
}
