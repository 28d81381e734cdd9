package io.mojave.daemon.runtime.internal;

import java.io.PrintWriter;
import java.util.List;

import io.mojave.daemon.DaemonApplication;
import io.mojave.daemon.DaemonException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Configures a service's {@link CommandLine} the same way before Quarkus boots (the fast path)
 * and inside it: per-service defaults, case-insensitive enum values, and errors printed as one
 * line with picocli's exit codes (1 failure, 2 usage).
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** The configured command line of the app whose top command is {@code topCommand}, read from its annotations. */
    public static CommandLine create(Class<? extends DaemonApplication> topCommand) {
        return configure(new CommandLine(topCommand));
    }

    /** Configures {@code commandLine}, whose command must be a {@link DaemonApplication}. */
    public static CommandLine configure(CommandLine commandLine) {
        DaemonApplication application = (DaemonApplication) commandLine.getCommand();
        String healthPort = Integer.toString(application.service().defaultHealthPort());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setDefaultValueProvider(argument -> argument instanceof OptionSpec option
                && option.longestName().equals("--health.port") ? healthPort : null);
        commandLine.setParameterExceptionHandler(CommandLines::usageError);
        commandLine.setExecutionExceptionHandler(CommandLines::failure);
        return commandLine;
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
