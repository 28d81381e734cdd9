package io.mojave.daemon.launch;

import java.io.PrintWriter;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.ServiceDescriptor;
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
                "--datadir", service.defaultDatadir(),
                "--health.addr", service.healthHost(),
                "--health.port", Integer.toString(service.healthPort()));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(argument -> argument instanceof OptionSpec option ? defaults.get(option.longestName()) : null);
        commandLine.setResourceBundle(helpTexts(service));
        if (!service.healthEnabled()) {
            withoutHealthOptions(commandLine);
        }
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        commandLine.setExecutionExceptionHandler(CommandLines::failure);
        return commandLine;
    }

    /** What the runtime's help texts name of the app: {@code ${bundle:daemon.no-daemon.variable}}. */
    private static ResourceBundle helpTexts(ServiceDescriptor service) {
        Map<String, String> texts = Map.of("daemon.no-daemon.variable", service.environmentVariable(DaemonOptions.NO_DAEMON_SUFFIX));
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return texts.entrySet().stream().map(e -> new Object[] { e.getKey(), e.getValue() }).toArray(Object[][]::new);
            }
        };
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
        err.println("error: " + describe(e) + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * picocli's message, except for unknown arguments, which it echoes whole: a misspelled secret
     * option ({@code --private-key KEY}) would print the key. Only option names are shown then.
     */
    private static String describe(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return e.getMessage();
        }
        List<String> names = unmatched.getUnmatched().stream()
                .filter(argument -> argument.startsWith("-"))
                .map(argument -> "'" + (argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument) + "'")
                .toList();
        long values = unmatched.getUnmatched().size() - names.size();
        if (names.isEmpty()) {
            return "unexpected argument" + (values > 1 ? "s" : "") + " (not shown, in case it is a secret)";
        }
        return "unknown option" + (names.size() > 1 ? "s" : "") + ": " + String.join(", ", names);
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println("error: " + (e instanceof DaemonException ? e.getMessage() : "unexpected failure: " + e));
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
