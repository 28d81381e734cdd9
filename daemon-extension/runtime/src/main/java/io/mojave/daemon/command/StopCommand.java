package io.mojave.daemon.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.mojave.daemon.CommonOptions;
import io.mojave.daemon.DaemonException;
import io.mojave.daemon.DurationConverter;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.launch.DaemonStopper;
import io.mojave.daemon.os.Posix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stop}: SIGINT to the daemon, SIGKILL after {@code --timeout}, then the PID file is removed. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stops the running daemon: SIGINT (SIGTERM if it ignores SIGINT) with SIGCONT, so that a stopped daemon "
                + "wakes up to handle it; SIGKILL if it has not exited within --timeout.",
        exitCodeListHeading = "%nExit codes (LSB):%n",
        exitCodeList = { "0:stopped, or not running (a stale PID file is removed)",
                "1:the PID file cannot be read or trusted (nothing signalled), or the daemon did not die", "2:usage error" })
public final class StopCommand implements Callable<Integer> {

    /** How long {@code stop} (and {@code restart}) wait after SIGINT before SIGKILL. */
    public static final String DEFAULT_TIMEOUT = "5s";

    @Mixin
    CommonOptions common;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = DEFAULT_TIMEOUT, converter = DurationConverter.class,
            description = "How long to wait after SIGINT before SIGKILL: 500ms, 5s, 2m, 1h; a bare number is seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (timeout.isZero()) {
            throw new ParameterException(spec.commandLine(), "--timeout must be above 0 (it is the time the daemon gets to stop cleanly)");
        }
        ServiceDescriptor service = ServiceDescriptor.ofThisApp();
        return stop(service, service.pidFile(common.datadir(service)), timeout, spec.commandLine().getOut());
    }

    /** Stops the daemon of {@code pidFile}, saying so on {@code out}; 0 also when none runs (LSB). */
    static int stop(ServiceDescriptor service, Path pidFile, Duration timeout, PrintWriter out) throws InterruptedException {
        try {
            DaemonStopper.Stopped stopped = new DaemonStopper(service, Posix.get()).stop(pidFile, timeout);
            out.printf(Locale.ROOT, "%s stopped (pid %d) in %.2f s%s%s%n", service.command(),
                    stopped.pid(), stopped.took().toMillis() / 1000.0,
                    stopped.sigintIgnored() ? " (it ignores SIGINT: sent SIGTERM)" : "",
                    stopped.killed() ? " (killed with SIGKILL after " + timeout.toMillis() / 1000.0 + " s)" : "");
        } catch (DaemonException.NotRunning | DaemonException.NoSuchProcess notRunning) {
            out.println(notRunning.getMessage());
        }
        out.flush();
        return 0;
    }
}
