package io.mojave.daemon.launch;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.ServiceDescriptor;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Configures an app's {@link CommandLine} the same way before Quarkus boots and inside it: the
 * defaults and help texts of its {@code quarkus.daemon.*} configuration, case-insensitive enum
 * values, and errors printed as one line with picocli's exit codes (1 failure, 2 usage).
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** The configured command line of {@code service}'s app, read from the annotations of its top command. */
    public static CommandLine create(ServiceDescriptor service) {
        try {
            return configure(new CommandLine(Class.forName(service.topCommand(), true, CommandLines.class.getClassLoader())), service);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the top command " + service.topCommand() + " of " + service.command() + " is missing", e);
        }
    }

    /** Configures {@code commandLine} for {@code service}. */
    public static CommandLine configure(CommandLine commandLine, ServiceDescriptor service) {
        Map<String, String> defaults = Map.of(
                "--datadir", service.datadirDefault(),
                "--health.addr", service.healthHost(),
                "--health.port", Integer.toString(service.healthPort()));
        // First: the settings below reach the subcommands there are when they are set.
        addStandardCommands(commandLine);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(argument -> argument instanceof OptionSpec option ? defaults.get(option.longestName()) : null);
        commandLine.setResourceBundle(helpTexts(service));
        // After the bundle, which resets what the help reads from it.
        withExitCodes(commandLine);
        versionOnEveryCommand(commandLine);
        if (!service.healthEnabled()) {
            withoutHealthOptions(commandLine);
        }
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        boolean daemonChild = Handshake.reporter(service).isPresent();
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, daemonChild));
        return commandLine;
    }

    /** What the runtime's help texts name of the app: {@code ${bundle:daemon.no-daemon.variable}}. */
    private static ResourceBundle helpTexts(ServiceDescriptor service) {
        Map<String, String> texts = Map.of("daemon.no-daemon.variable", service.environmentVariable(DaemonOptions.NO_DAEMON_SUFFIX),
                "daemon.datadir.variable", "$" + service.datadirVariable(), "daemon.datadir.default", service.defaultDatadir());
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return texts.entrySet().stream().map(e -> new Object[] { e.getKey(), e.getValue() }).toArray(Object[][]::new);
            }
        };
    }

    /** The name under which the start command also restarts. */
    public static final String RESTART = "restart";

    /**
     * {@code help [COMMAND]}, {@code restart} (the start command under another name: it stops a
     * running daemon first) and the hidden {@code generate-completion} (a bash completion script),
     * unless the app has commands of those names itself.
     */
    private static void addStandardCommands(CommandLine commandLine) {
        Map<String, CommandLine> subcommands = commandLine.getSubcommands();
        if (!subcommands.containsKey("help")) {
            commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        }
        Optional<CommandLine> start = subcommands.values().stream().filter(CommandLines::isStartCommand).findFirst();
        if (start.isPresent() && !subcommands.containsKey(RESTART)) {
            CommandLine restart = new CommandLine(start.get().getCommandSpec().userObject().getClass(), commandLine.getFactory());
            restart.getCommandSpec().name(RESTART);
            restart.getCommandSpec().usageMessage().description("Stops the daemon if it runs (as stop does), then starts it as '"
                    + start.get().getCommandName() + "' does, with the same options and guarantees.");
            commandLine.addSubcommand(RESTART, restart);
        }
        if (!subcommands.containsKey("generate-completion")) {
            commandLine.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        }
    }

    /**
     * The exit codes in the help of the top command, the start command (and {@code restart}),
     * {@code help} and {@code generate-completion}, unless the app lists its own; the other
     * commands of the runtime list theirs in their annotations. As the code returns them: picocli
     * rejects no extra argument or option of a help command (both of those are), so they end in 0
     * unless {@code help} is asked for a command there is not.
     */
    private static void withExitCodes(CommandLine commandLine) {
        withExitCodes(commandLine, "%nExit codes (a command's own are in its help):%n",
                "0", "help or version shown",
                "2", "usage error: no command, or an unknown command or option");
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            if (isStartCommand(subcommand)) {
                withExitCodes(subcommand, "%nExit codes:%n",
                        "0", "started: the daemon is ready (or, with --no-daemon, stopped on request)",
                        "1", "could not start; no process and no PID file are left behind",
                        "2", "usage error; nothing was started or created");
            } else if (subcommand.getCommand() instanceof CommandLine.HelpCommand) {
                withExitCodes(subcommand, "%nExit codes:%n", "0", "help shown", "2", "there is no such command");
            } else if (subcommand.getCommand() instanceof AutoComplete.GenerateCompletion) {
                withExitCodes(subcommand, "%nExit codes:%n", "0", "the script is printed");
            }
        }
    }

    /** A subcommand's {@code --version} (and its man page) tells the app's version, as the top command's does. */
    private static void versionOnEveryCommand(CommandLine commandLine) {
        CommandLine.Model.CommandSpec top = commandLine.getCommandSpec();
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = subcommand.getCommandSpec();
            if (spec.versionProvider() == null && spec.version().length == 0) {
                spec.versionProvider(top.versionProvider());
                spec.version(top.version());
            }
        }
    }

    /** Lists {@code codesAndMeanings} (code, meaning, code, meaning...) in {@code command}'s help, unless it lists some already. */
    private static void withExitCodes(CommandLine command, String heading, String... codesAndMeanings) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            Map<String, String> codes = new LinkedHashMap<>();
            for (int i = 0; i < codesAndMeanings.length; i += 2) {
                codes.put(codesAndMeanings[i], codesAndMeanings[i + 1]);
            }
            usage.exitCodeListHeading(heading).exitCodeList(codes);
        }
    }

    /** Whether {@code command} is the app's start command: the one with {@link DaemonOptions} mixed in. */
    public static boolean isStartCommand(CommandLine command) {
        return daemonOptions(command.getCommandSpec()).isPresent();
    }

    /** The {@link DaemonOptions} mixed into {@code command}: present only in the app's start command. */
    public static Optional<DaemonOptions> daemonOptions(CommandSpec command) {
        return command.mixins().values().stream().map(CommandSpec::userObject)
                .filter(DaemonOptions.class::isInstance).map(DaemonOptions.class::cast).findFirst();
    }

    /** An app without a health endpoint has no options for it. */
    private static void withoutHealthOptions(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.longestName().startsWith("--health.")) {
                spec.remove(option);
            }
        }
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            withoutHealthOptions(subcommand);
        }
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + describe(e, args) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * picocli's message, except for unknown arguments, which it echoes whole: a misspelled secret
     * option ({@code --private-key KEY}) would print the key. An unknown command word (where a
     * command is expected) and option names are shown, with picocli's suggestion of the nearest
     * valid one; other words are not.
     */
    private static String describe(CommandLine.ParameterException e, String[] args) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        List<String> words = unmatched.getUnmatched();
        List<String> nearest = nearest(words.get(0), unmatched.getSuggestions());
        String suggestion = nearest.isEmpty() ? ""
                : "; did you mean " + nearest.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" or ")) + "?";
        if (!words.get(0).startsWith("-") && !e.getCommandLine().getSubcommands().isEmpty()
                && args.length > 0 && words.get(0).equals(args[0])) {
            return COMMAND_WORD.matcher(words.get(0)).matches() ? "unknown command '" + words.get(0) + "'" + suggestion
                    : "unknown command (not shown, in case it is a secret)";
        }
        List<String> known = e.getCommandLine().getCommandSpec().options().stream().flatMap(option -> List.of(option.names()).stream())
                .toList();
        List<String> names = words.stream()
                .filter(argument -> argument.startsWith("-"))
                .map(argument -> shownOption(argument, known))
                .toList();
        long values = words.size() - names.size();
        if (names.isEmpty()) {
            return "unexpected argument" + (values > 1 ? "s" : "") + " (not shown, in case it is a secret)";
        }
        return "unknown option" + (names.size() > 1 ? "s" : "") + ": " + String.join(", ", names)
                + (words.get(0).startsWith("-") ? suggestion : "");
    }

    /** A word that reads as a command someone meant to type, not as a pasted value. */
    private static final Pattern COMMAND_WORD = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** An option name someone meant to type: no value run into it, no long run of hex digits. */
    private static final Pattern OPTION_WORD = Pattern.compile("--?[A-Za-z][A-Za-z0-9._-]{0,40}");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-fA-F]{16}");

    /**
     * An unknown option as the error may show it: cut at {@code =} or {@code :}; a known option
     * with text run into it ({@code --private_key0x4c08...}) by its known part only; anything
     * else that could be a value, not at all.
     */
    private static String shownOption(String argument, List<String> known) {
        String name = argument.split("[=:]", 2)[0];
        for (String option : known) {
            if (name.startsWith(option) && name.length() > option.length()) {
                return "'" + option + "' with text run into it (not shown)";
            }
        }
        if (!OPTION_WORD.matcher(name).matches() || HEX_RUN.matcher(name).find()) {
            return "one not shown, in case it is a secret";
        }
        return "'" + name + "'";
    }

    /**
     * The closest of picocli's suggestions (which are merely similar) to {@code word}, by edit
     * distance, with {@code -}, {@code _} and {@code .} counted as one character: the Rust
     * originals' option names mix them ({@code --log.level}, {@code --block_time}).
     */
    static List<String> nearest(String word, List<String> suggestions) {
        String typed = separatorsUnified(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
        int best = suggestions.stream().mapToInt(name -> distance(typed, separatorsUnified(name))).min().orElse(Integer.MAX_VALUE);
        if (best > Math.max(2, typed.length() / 3)) {
            return List.of();
        }
        return suggestions.stream().filter(name -> distance(typed, separatorsUnified(name)) == best).distinct().toList();
    }

    private static String separatorsUnified(String name) {
        return name.replaceAll("[-_.]", "-");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * One line on stderr; in the daemon child, whose stderr is the log, a JSON record instead (and
     * none for a {@link DaemonException}, which the lifecycle has logged already), so that every
     * line of the log stays JSON.
     */
    private static int failure(Exception e, CommandLine command, boolean daemonChild) {
        if (daemonChild) {
            if (!(e instanceof DaemonException)) {
                Logger.getLogger(CommandLines.class).error("unexpected failure", e);
            }
            return CommandLine.ExitCode.SOFTWARE;
        }
        PrintWriter err = command.getErr();
        err.println("error: " + (e instanceof DaemonException ? e.getMessage() : "unexpected failure: " + e));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
