package io.mojave.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A systemd unit file: sections of keys, each key with every value it is given (in order). */
final class UnitFile {

    private final Map<String, Map<String, List<String>>> sections;

    private UnitFile(Map<String, Map<String, List<String>>> sections) {
        this.sections = sections;
    }

    static UnitFile parse(Path file) throws IOException {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> section = null;
        StringBuilder pending = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (pending == null && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                String part = line.substring(0, line.length() - 1);
                pending = pending == null ? new StringBuilder(part) : pending.append(' ').append(part);
                continue;
            }
            if (pending != null) {
                line = pending.append(' ').append(line).toString();
                pending = null;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
                continue;
            }
            int equals = line.indexOf('=');
            if (section == null || equals < 0) {
                throw new IllegalStateException(file + ": not a key=value line in a section: " + raw);
            }
            section.computeIfAbsent(line.substring(0, equals).strip(), k -> new ArrayList<>())
                    .add(line.substring(equals + 1).strip());
        }
        return new UnitFile(sections);
    }

    /** Every value given to a key, in order. */
    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The value that counts (the last one), if the key is set. */
    Optional<String> value(String section, String key) {
        List<String> values = values(section, key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** A {@code [Service]} setting that must be there. */
    String service(String key) {
        return value("Service", key).orElseThrow(() -> new AssertionError("no " + key + "= in [Service]"));
    }

    /** An Exec*= command line, split at blanks, without systemd's prefixes ({@code -@:+!}). */
    static List<String> command(String execValue) {
        String command = execValue.replaceFirst("^[-@:+!]+", "");
        return List.of(command.strip().split("\\s+"));
    }

    /** The variables that {@code Environment=} lines set. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : values("Service", "Environment")) {
            for (String assignment : Dockerfile.words(line)) {
                String[] pair = assignment.split("=", 2);
                env.put(pair[0], pair.length == 2 ? pair[1] : "");
            }
        }
        return env;
    }
}
