package io.mojave.daemon.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.mojave.daemon.CommonOptions;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.DaemonStopper;
import io.mojave.daemon.os.Posix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stop}: SIGINT to the daemon, SIGKILL after {@code --timeout}, then the PID file is removed. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the running daemon: SIGINT (SIGTERM if it ignores SIGINT) with SIGCONT, so that a stopped daemon "
                + "wakes up to handle it; SIGKILL if it has not exited within --timeout.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:stopped", "1:not running, or the PID file is missing or invalid", "2:usage error" })
public final class StopCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long to wait after SIGINT before SIGKILL (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        Path pidFile = service.pidFile(common.datadir(service));
        DaemonStopper.Stopped stopped = new DaemonStopper(service, Posix.get()).stop(pidFile, timeout);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s stopped (pid %d) in %.2f s%s%s%n", service.command(),
                stopped.pid(), stopped.took().toMillis() / 1000.0,
                stopped.sigintIgnored() ? " (it ignores SIGINT: sent SIGTERM)" : "",
                stopped.killed() ? " (killed with SIGKILL after " + timeout.toMillis() / 1000.0 + " s)" : "");
        return 0;
    }
}
