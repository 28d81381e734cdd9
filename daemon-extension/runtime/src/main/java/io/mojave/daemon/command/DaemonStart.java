package io.mojave.daemon.command;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DaemonOptions;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.ServiceStarter;
import io.mojave.daemon.launch.CommandLineArguments;
import io.mojave.daemon.launch.CommandLines;
import io.mojave.daemon.launch.Daemonizer;
import io.mojave.daemon.launch.Handshake;
import io.mojave.daemon.os.SafeFiles;
import io.mojave.daemon.runtime.DaemonLifecycle;
import io.quarkus.arc.Arc;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What an app's start command calls: the seed's {@code run_daemonized}. In the parent it starts
 * the daemon child and waits until it is ready; in the daemon child, with {@code --no-daemon} or as
 * PID 1 it runs the service in this process.
 */
public final class DaemonStart {

    private DaemonStart() {
    }

    /**
     * Runs the start command.
     *
     * @param start the spec of the app's start command (its {@code @Spec})
     * @param options the daemon runtime's options mixed into it
     * @param starter starts the service from the app's parsed options; called only in the process
     *        that runs the service, where Quarkus has booted
     * @return the exit status
     */
    public static int run(CommandSpec start, DaemonOptions options, ServiceStarter starter) {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        if (options.startupTimeout().isZero()) {
            throw new ParameterException(start.commandLine(), "--startup-timeout must be above 0 (it is how long the start may take)");
        }
        CommandLineArguments arguments = new CommandLineArguments(start);
        if (start.name().equals(CommandLines.RESTART) && !isDaemonChild(service)) {
            stopIfRunning(service, options, start);
        }
        if (runsInProcess(service, options)) {
            return Arc.container().instance(DaemonLifecycle.class).get()
                    .run(service, options, arguments.redacted(), starter);
        }
        return new Daemonizer(service, options.common().datadir(service), start.commandLine().getOut(), start.commandLine().getErr())
                .start(arguments.withoutSecrets(), arguments.secretEnvironment(), options.startupTimeout());
    }

    /** {@code restart}'s first half: {@code stop}, with its default timeout; nothing to do if none runs. */
    private static void stopIfRunning(ServiceDescriptor service, DaemonOptions options, CommandSpec start) {
        // What would stop the start anyway is refused before the running daemon is stopped.
        Path datadir = options.common().datadir(service);
        if (Files.exists(datadir, LinkOption.NOFOLLOW_LINKS)) {
            SafeFiles.datadir(datadir);
            SafeFiles.file(service.logFile(datadir), "log file");
        }
        try {
            StopCommand.stop(service, service.pidFile(datadir),
                    new DurationConverter().convert(StopCommand.DEFAULT_TIMEOUT), start.commandLine().getOut());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException.StopFailed("interrupted while stopping the running daemon");
        }
    }

    /**
     * Whether the start command runs the service in this process: in the daemon child, with
     * {@code --no-daemon}, or as PID 1, where detaching would end the container.
     */
    static boolean runsInProcess(ServiceDescriptor service, DaemonOptions options) {
        return isDaemonChild(service) || options.noDaemon(service) || ProcessHandle.current().pid() == 1;
    }

    /** Whether this process is the daemon child that a daemonizing start spawned. */
    static boolean isDaemonChild(ServiceDescriptor service) {
        return Handshake.reporter(service).isPresent();
    }
}
