package io.mojave.daemon;

import java.nio.file.Path;
import java.util.Optional;

import io.mojave.daemon.runtime.internal.CommandLines;
import io.mojave.daemon.runtime.internal.Handshake;
import io.mojave.daemon.runtime.internal.LogReopening;
import io.mojave.daemon.runtime.internal.Posix;
import io.mojave.daemon.runtime.internal.ProcessTable;
import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The entry point of the three services, called from each app's {@code @QuarkusMain} main method.
 * Only a command that runs the service in this process ({@code init} in the daemon child or in
 * the foreground) boots Quarkus; {@code stop}, {@code status}, {@code --help} and the parent of a
 * daemonizing {@code init} run on plain picocli before Quarkus would start, so they neither pay
 * for its boot nor bind anything.
 */
public final class DaemonMain {

    private DaemonMain() {
    }

    /** Runs the command line {@code args} of the app whose top command is {@code topCommand}, then exits. */
    public static void main(Class<? extends DaemonApplication> topCommand, String... args) {
        CommandLine commandLine = CommandLines.create(topCommand);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            exit(commandLine, usageError(commandLine, e, args));
            return;
        }
        Optional<InitOptions> inProcess = inProcessInit(parsed);
        if (inProcess.isPresent()) {
            restoreDefaultDispositions();
            if (Handshake.reporter().isPresent()) {
                ServiceDescriptor service = ((DaemonApplication) commandLine.getCommand()).service();
                becomeDaemon(service.logFile(inProcess.get().common().datadir(service)));
            }
            if (System.getProperty("quarkus.log.level") == null) {
                System.setProperty("quarkus.log.level", inProcess.get().common().logLevel().jbossName());
            }
            Quarkus.run(PicocliRunner.class, args);
            return;
        }
        exit(commandLine, commandLine.execute(args));
    }

    /**
     * SIGINT, SIGTERM and SIGHUP back at their default dispositions if our caller ignored them (a
     * script's {@code cmd &}, {@code nohup}), before the JVM and Quarkus install their handlers:
     * the JVM installs none for a signal it found ignored, and {@code stop} would then do nothing.
     */
    private static void restoreDefaultDispositions() {
        for (int signal : new int[] { Posix.SIGHUP, Posix.SIGINT, Posix.SIGTERM }) {
            if (ProcessTable.ignores(ProcessHandle.current().pid(), signal)) {
                Posix.get().defaultDisposition(signal);
            }
        }
    }

    /**
     * The daemon child's first acts: its own session, away from the caller's terminal; umask 027;
     * and SIGHUP reopening the log from now on rather than ending the JVM (the lifecycle installs
     * the handler again, with logging, once Quarkus runs).
     */
    private static void becomeDaemon(Path log) {
        // Normally done already by the command that started us (see DaemonChild): skip the native calls then.
        if (!ProcessTable.isSessionLeader()) {
            Posix.get().setsid();
        }
        if (ProcessTable.umask() != 0027) {
            Posix.get().umask(0027);
        }
        LogReopening.onSighupReopen(log, failure -> {
        });
    }

    private static Optional<InitOptions> inProcessInit(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested()) {
            return Optional.empty();
        }
        for (CommandSpec mixin : leaf.commandSpec().mixins().values()) {
            if (mixin.userObject() instanceof InitOptions init && DaemonInit.runsInProcess(init)) {
                return Optional.of(init);
            }
        }
        return Optional.empty();
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
