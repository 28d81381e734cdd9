package io.mojave.daemon.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.os.PidFile;
import io.mojave.daemon.os.SafeFiles;

/**
 * The parent side of a daemonizing {@code init}: preflight, start the child, wait until it reports
 * ready, and print one line. Runs before Quarkus boots (see {@code DaemonMain}): no CDI, no port.
 * Whatever goes wrong, it leaves no child process and no PID file behind, and it ends within
 * {@code --startup-timeout} or on SIGINT, SIGTERM or SIGHUP whatever it waits for (see
 * {@link InitGuard}).
 */
public final class Daemonizer {

    private static final Duration CHILD_STOP_GRACE = Duration.ofSeconds(10);

    private final ServiceDescriptor service;
    private final Path datadir;
    private final PrintWriter out;
    private final PrintWriter err;

    public Daemonizer(ServiceDescriptor service, Path datadir, PrintWriter out, PrintWriter err) {
        this.service = service;
        this.datadir = datadir;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts the daemon and returns 0 once it is ready.
     *
     * @param arguments the command line for the child (no secrets)
     * @param secrets environment variables carrying the secrets to the child
     * @throws DaemonException if it is already running or could not start
     */
    public int start(List<String> arguments, Map<String, String> secrets, Duration startupTimeout) {
        Path pidFile = service.pidFile(datadir);
        Path log = service.logFile(datadir);
        try (InitGuard guard = InitGuard.start(service.command(), startupTimeout, err)) {
            guard.phase("creating the datadir " + datadir);
            SafeFiles.datadir(datadir);
            guard.phase("reading the PID file " + pidFile);
            preflight(pidFile);
            guard.phase("opening the log " + log);
            createLog(log);
            guard.phase("starting the daemon child");
            long logStart = Files.size(log);
            try (Handshake handshake = Handshake.open()) {
                DaemonChild child = spawn(arguments, secrets, handshake, log);
                guard.child(child);
                guard.phase("waiting for the daemon (pid " + child.pid() + ") to be ready");
                Handshake.Outcome outcome = handshake.await(child, startupTimeout, guard::cancelled);
                guard.close();
                if (outcome instanceof Handshake.Outcome.Ready ready) {
                    out.println(service.command() + " started (pid " + ready.pid() + ", "
                            + String.join(", ", ready.endpoints()) + ", log " + log + ")");
                    out.flush();
                    acknowledge(handshake);
                    return 0;
                }
                boolean exiting = outcome instanceof Handshake.Outcome.Failed || outcome instanceof Handshake.Outcome.Exited;
                // First the channel: a child that reported ready meanwhile (its report still queued, or
                // waiting for our acknowledgement) sees it end, and stops itself at once.
                handshake.close();
                stop(child, exiting, pidFile);
                if (exiting || outcome instanceof Handshake.Outcome.TimedOut) {
                    showLog(log, logStart, outcome instanceof Handshake.Outcome.Failed failed ? failed.message() : null);
                }
                throw new DaemonException.StartupFailed(describe(outcome, startupTimeout, log));
            }
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("start the daemon child with log", log, e);
        }
    }

    private static void acknowledge(Handshake handshake) {
        try {
            handshake.acknowledge();
        } catch (IOException childGone) {
            // it stopped meanwhile, and its log says why; we reported what it told us
        }
    }

    private DaemonChild spawn(List<String> arguments, Map<String, String> secrets, Handshake handshake, Path log) throws IOException {
        Map<String, String> environment = new HashMap<>(secrets);
        environment.put(service.internalVariable(Handshake.ENV_SUFFIX), handshake.address());
        environment.put(service.internalVariable(DaemonChild.LOG_ENV_SUFFIX), log.toString());
        return DaemonChild.spawn(arguments, environment, datadir, log, service.inheritedProperties());
    }

    private void preflight(Path pidFile) {
        PidFile.State state = PidFile.inspect(pidFile);
        if (state instanceof PidFile.State.Held held) {
            throw new DaemonException.AlreadyRunning(service.command(), held.holder(), pidFile);
        }
        if (state instanceof PidFile.State.Unreadable unreadable) {
            throw new DaemonException.IoWithPath("read PID file", pidFile, unreadable.cause());
        }
        if (state instanceof PidFile.State.Unsafe unsafe) {
            throw unsafe.problem();
        }
        SafeFiles.file(pidFile, "PID file");
        // A stale file is taken over (and logged) by the child, under the file's lock; one whose
        // holder we cannot prove is the child's to find locked or not.
    }

    /**
     * Creates the log file with mode 0660 less our umask (the daemon gives it its own mode) unless it
     * exists (then it is appended to), never through a link, and never opening a FIFO or anything
     * else that is not a regular file of ours.
     */
    static void createLog(Path log) {
        if (SafeFiles.file(log, "log file")) {
            return;
        }
        try {
            // O_CREAT|O_EXCL: fails on anything in the way, a dangling link included
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")));
        } catch (FileAlreadyExistsException raced) {
            SafeFiles.file(log, "log file");
            if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
                throw new DaemonException.IoWithPath("create log file", log, raced);
            }
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("create log file", log, e);
        }
    }

    /** How many of the failed child's log lines {@code init} shows. */
    private static final int LOG_LINES_SHOWN = 8;

    /**
     * The warnings and errors the failed child logged (its last {@value #LOG_LINES_SHOWN}, but not the
     * record of the failure it {@code reported}, which the error line says), readable, so that the
     * user sees why without opening the log.
     */
    private void showLog(Path log, long from, String reported) {
        try {
            List<String> relevant = LogLines.tail(log, from, 200).stream()
                    .filter(line -> LogLines.atLeast(LogLines.record(line), "WARN"))
                    // the error line that follows says this one already
                    .filter(line -> reported == null || !LogLines.record(line)
                            .map(record -> record.getString("message", "").contains(reported)).orElse(false))
                    .toList();
            if (relevant.isEmpty()) {
                return;
            }
            err.println(log + ", last warnings and errors:");
            for (String line : relevant.subList(Math.max(0, relevant.size() - LOG_LINES_SHOWN), relevant.size())) {
                err.println("  " + LogLines.readable(line, false));
            }
            err.flush();
        } catch (IOException e) {
            // the log is named in the error line; that it cannot be read now says enough
        }
    }

    private String describe(Handshake.Outcome outcome, Duration startupTimeout, Path log) {
        String name = service.command();
        if (outcome instanceof Handshake.Outcome.Failed failed) {
            return name + " failed to start: " + failed.message() + " (log " + log + ")";
        }
        if (outcome instanceof Handshake.Outcome.Exited exited) {
            return name + " exited while starting; see " + log;
        }
        if (outcome instanceof Handshake.Outcome.TimedOut) {
            return name + " was not ready within " + startupTimeout.toMillis() / 1000.0 + " s (--startup-timeout); stopped it; see " + log;
        }
        return "interrupted: stopped the starting " + name;
    }

    /**
     * Ends a child that did not become ready (one that reported a failure is already on its way
     * out), and clears the PID file it may have left.
     */
    private static void stop(DaemonChild child, boolean exiting, Path pidFile) {
        try {
            if (!exiting || !child.awaitExit(CHILD_STOP_GRACE)) {
                child.end(CHILD_STOP_GRACE);
            }
            PidFile.removeOnceReleased(pidFile, CHILD_STOP_GRACE);
        } catch (InterruptedException e) {
            child.kill();
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a stale PID file left here is cleared by the next init
        }
    }
}
