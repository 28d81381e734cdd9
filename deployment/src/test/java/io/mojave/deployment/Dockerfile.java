package io.mojave.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Just enough of a Dockerfile parser for the checks: continuation lines, comments, stages
 * ({@code FROM image AS name}), and the arguments of the instructions the checks read.
 */
final class Dockerfile {

    /** One instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {

        /** The arguments split at blanks, outside quotes; quotes removed. */
        List<String> words() {
            return Dockerfile.words(arguments);
        }

        /** An exec-form (JSON array) argument list, as ENTRYPOINT, CMD or VOLUME take it. */
        List<String> execForm() {
            if (!arguments.startsWith("[")) {
                throw new IllegalStateException(keyword + " is not in exec form: " + arguments);
            }
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(arguments);
            List<String> values = new ArrayList<>();
            for (Object value : (List<?>) parsed) {
                values.add(String.valueOf(value));
            }
            return values;
        }
    }

    /** A build stage: its name (null for an unnamed one), what it starts from, its instructions. */
    record Stage(String name, String from, List<Instruction> instructions) {
    }

    private final List<String> header;
    private final List<Instruction> global;
    private final List<Stage> stages;

    private Dockerfile(List<String> header, List<Instruction> global, List<Stage> stages) {
        this.header = header;
        this.global = global;
        this.stages = stages;
    }

    static Dockerfile parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && lines.get(i).startsWith("#")) {
            header.add(lines.get(i).replaceFirst("^#+ ?", ""));
            i++;
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = null;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            String part = continued ? line.substring(0, line.length() - 1).strip() : line;
            pending = pending == null ? new StringBuilder(part) : pending.append(' ').append(part);
            if (!continued) {
                String text = pending.toString();
                pending = null;
                int blank = text.indexOf(' ');
                String keyword = (blank < 0 ? text : text.substring(0, blank)).toUpperCase(Locale.ROOT);
                instructions.add(new Instruction(keyword, blank < 0 ? "" : text.substring(blank + 1).strip()));
            }
        }
        List<Instruction> global = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = global;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                List<String> words = instruction.words().stream().filter(w -> !w.startsWith("--")).toList();
                String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                current = new ArrayList<>();
                stages.add(new Stage(name, words.get(0), current));
            } else {
                current.add(instruction);
            }
        }
        return new Dockerfile(header, global, stages);
    }

    /** The comment lines at the top, without their {@code #}. */
    List<String> header() {
        return header;
    }

    List<Stage> stages() {
        return stages;
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** The default of an ARG declared before the first FROM. */
    Optional<String> globalArgDefault(String name) {
        for (Instruction instruction : global) {
            if (instruction.keyword().equals("ARG")) {
                String[] parts = instruction.arguments().split("=", 2);
                if (parts[0].strip().equals(name) && parts.length == 2) {
                    return Optional.of(parts[1].strip());
                }
            }
        }
        return Optional.empty();
    }

    /** The instructions that make up a stage: those of the stages it starts from, then its own. */
    List<Instruction> effective(String stageName) {
        Stage stage = stage(stageName).orElseThrow(() -> new IllegalArgumentException("no stage " + stageName));
        List<Instruction> all = new ArrayList<>();
        if (stage(stage.from()).isPresent()) {
            all.addAll(effective(stage.from()));
        }
        all.addAll(stage.instructions());
        return all;
    }

    /** The last instruction of a kind in a stage, its parents included (what the image keeps). */
    static Optional<Instruction> last(List<Instruction> instructions, String keyword) {
        Instruction found = null;
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals(keyword)) {
                found = instruction;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The environment a stage sets, {@code ENV KEY=VALUE} (several per line) and {@code ENV KEY VALUE}. */
    static Map<String, String> env(List<Instruction> instructions) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (!instruction.keyword().equals("ENV")) {
                continue;
            }
            List<String> words = instruction.words();
            if (!words.get(0).contains("=")) {
                env.put(words.get(0), String.join(" ", words.subList(1, words.size())));
                continue;
            }
            for (String word : words) {
                String[] pair = word.split("=", 2);
                env.put(pair[0], pair[1]);
            }
        }
        return env;
    }

    /** Splits at blanks outside quotes and removes the quotes. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
