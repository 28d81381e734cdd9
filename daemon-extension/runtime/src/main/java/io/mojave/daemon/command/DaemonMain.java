package io.mojave.daemon.command;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.CommandLines;
import io.mojave.daemon.launch.DaemonChild;
import io.mojave.daemon.os.LogFileOutput;
import io.mojave.daemon.os.LogReopening;
import io.mojave.daemon.os.Posix;
import io.mojave.daemon.os.ProcessTable;
import io.mojave.daemon.os.SafeFiles;
import io.mojave.daemon.os.Signals;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The main class of every app that uses the daemon extension. Only the process that runs the
 * service boots Quarkus: the daemon child (which goes straight to Quarkus, whose picocli parses
 * its command line, once) and a start in the foreground (parsed here to decide that, then again by
 * Quarkus' picocli, which builds the commands as CDI beans). {@code stop}, {@code status},
 * {@code --help}, usage errors and the parent of a daemonizing start run on plain picocli, parsed
 * once, before Quarkus would start: they neither pay for its boot nor bind anything.
 */
@QuarkusMain
public final class DaemonMain {

    private DaemonMain() {
    }

    /** Runs the command line {@code args} of this app, then exits. */
    public static void main(String... args) {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        String log = System.getenv(service.internalVariable(DaemonChild.LOG_ENV_SUFFIX));
        if (DaemonStart.isDaemonChild(service) && log != null) {
            // Validated by the parent already: ours to run, in Quarkus.
            Signals.restoreIgnoredToDefault();
            becomeDaemon(Path.of(log));
            Quarkus.run(PicocliRunner.class, args);
            return;
        }
        CommandLine commandLine = CommandLines.create(service);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            exit(commandLine, usageError(commandLine, e, args));
            return;
        }
        if (startsInProcess(service, parsed)) {
            Signals.restoreIgnoredToDefault();
            readableConsoleOnATerminal();
            Quarkus.run(PicocliRunner.class, args);
            return;
        }
        exit(commandLine, execute(commandLine, parsed, args));
    }

    /**
     * The daemon child's first acts: its own session, away from the caller's terminal; the daemon's
     * umask (027, or 007 where the datadir is shared with a group) and so its log's mode;
     * a stdout (the log) that counts what a full disk loses; and SIGHUP reopening the log from now
     * on rather than ending the JVM (the lifecycle installs the handler again, with logging, once
     * Quarkus runs).
     */
    private static void becomeDaemon(Path log) {
        LogFileOutput.install(loss -> Logger.getLogger(LogFileOutput.class).warnf(
                "%d log lines could not be written to %s from %s to %s (%s); the log is written again",
                loss.lines(), log, loss.since(), loss.until(), loss.cause()));
        // Normally done already by the command that started us (see DaemonChild): skip the native calls then.
        if (!ProcessTable.isSessionLeader()) {
            Posix.get().setsid();
        }
        int umask = SafeFiles.daemonUmask(log.getParent());
        if (ProcessTable.umask() != umask) {
            Posix.get().umask(umask);
        }
        try {
            SafeFiles.applyFileMode(Path.of("/proc/self/fd/1"));
        } catch (IOException e) {
            // the log keeps the mode it has; a problem with the file itself is the lifecycle's to report
        }
        LogReopening.onSighupReopen(log, failure -> {
        });
    }

    /**
     * A foreground service logs readable lines to a terminal, and JSON to anything else: a pipe or
     * file, systemd's journal, a container (PID 1, or {@code $container} set), unless
     * {@code quarkus.log.console.json.enabled} says otherwise.
     */
    private static void readableConsoleOnATerminal() {
        boolean machine = ProcessHandle.current().pid() == 1 || System.getenv("JOURNAL_STREAM") != null
                || System.getenv("INVOCATION_ID") != null || System.getenv("container") != null || !ProcessTable.isTerminal(1);
        boolean configured = System.getProperty(JSON_CONSOLE) != null || System.getenv("QUARKUS_LOG_CONSOLE_JSON_ENABLED") != null;
        if (!machine && !configured) {
            System.setProperty(JSON_CONSOLE, "false");
        }
    }

    private static final String JSON_CONSOLE = "quarkus.log.console.json.enabled";

    /** Whether the command parsed is the start command, to run the service in this process (the foreground). */
    private static boolean startsInProcess(ServiceDescriptor service, ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return false;
        }
        return CommandLines.daemonOptions(leaf.commandSpec()).filter(options -> DaemonStart.runsInProcess(service, options)).isPresent();
    }

    /** Runs what {@code parsed} asks for, as {@link CommandLine#execute} would, without parsing again. */
    private static int execute(CommandLine commandLine, ParseResult parsed, String[] args) {
        try {
            return commandLine.getExecutionStrategy().execute(parsed);
        } catch (CommandLine.ParameterException e) {
            return usageError(commandLine, e, args);
        } catch (CommandLine.ExecutionException e) {
            Exception cause = e.getCause() instanceof Exception exception ? exception : e;
            try {
                return commandLine.getExecutionExceptionHandler().handleExecutionException(cause, e.getCommandLine(), parsed);
            } catch (Exception printingFailed) {
                return CommandLine.ExitCode.SOFTWARE;
            }
        }
    }

    private static int usageError(CommandLine commandLine, CommandLine.ParameterException e, String[] args) {
        try {
            return commandLine.getParameterExceptionHandler().handleParseException(e, args);
        } catch (Exception printingFailed) {
            return CommandLine.ExitCode.USAGE;
        }
    }

    private static void exit(CommandLine commandLine, int status) {
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.out.flush();
        System.err.flush();
        // Nothing of ours waits in a shutdown hook on this path; halt skips loading the log manager.
        Runtime.getRuntime().halt(status);
    }
}
