package io.mojave.daemon.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;
import io.mojave.daemon.os.PidFile;
import io.mojave.daemon.os.Posix;
import io.mojave.daemon.os.ProcessTable;

/**
 * The seed's {@code stop_daemonized}: SIGINT, wait, SIGKILL, remove the PID file; made safe. The
 * PID is signalled only when that very process holds the PID file's lock, so a number left in a
 * stale file never gets an unrelated process killed.
 */
public final class DaemonStopper {

    /** How long a PID file may name another process than its lock holder (a stale-file cleanup in flight). */
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** After SIGKILL a process dies at once; this bounds the wait for the kernel. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private final ServiceDescriptor service;
    private final Posix posix;

    public DaemonStopper(ServiceDescriptor service, Posix posix) {
        this.service = service;
        this.posix = posix;
    }

    /**
     * What a stop did.
     *
     * @param pid the daemon's PID
     * @param took from reading the PID file to its removal
     * @param killed whether it took SIGKILL
     * @param sigintIgnored whether the daemon ignored SIGINT, so that it was sent SIGTERM instead
     */
    public record Stopped(long pid, Duration took, boolean killed, boolean sigintIgnored) {
    }

    /**
     * Stops the daemon that holds {@code pidFile}: SIGINT (SIGTERM if it ignores SIGINT) and
     * SIGCONT, so that a stopped (SIGSTOPped) daemon wakes up to handle it, as systemd does; SIGKILL
     * only once {@code timeout} has passed. Every signal goes to the process proven to hold the lock,
     * and SIGKILL only to that same process (its start time is checked, so a reused PID is spared).
     */
    public Stopped stop(Path pidFile, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long pid = daemonPid(pidFile);
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        boolean killed = false;
        boolean sigintIgnored = ProcessTable.ignores(pid, Posix.SIGINT);
        boolean signalled = daemon.isPresent() && posix.kill(pid, sigintIgnored ? Posix.SIGTERM : Posix.SIGINT);
        if (!signalled && daemon.isPresent() && daemon.get().isAlive()) {
            throw new DaemonException.StopFailed("cannot signal pid " + pid + ", which holds " + pidFile
                    + " (it is another user's process?); run stop as that user or as root");
        }
        if (signalled) {
            posix.kill(pid, Posix.SIGCONT);
            if (!ProcessTable.awaitExit(daemon.get(), timeout)) {
                daemon.get().destroyForcibly();
                killed = true;
                if (!ProcessTable.awaitExit(daemon.get(), AFTER_KILL)) {
                    throw new DaemonException.StopFailed("pid " + pid + " is still running " + AFTER_KILL.toSeconds()
                            + " s after SIGKILL (stuck in the kernel?); PID file " + pidFile + " left in place");
                }
            }
        }
        removeAfterExit(pidFile);
        return new Stopped(pid, Duration.ofNanos(System.nanoTime() - started), killed, sigintIgnored);
    }

    /** The PID in the file, proven to be the process that holds the file's lock. */
    private long daemonPid(Path pidFile) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            PidFile.State state = PidFile.inspect(pidFile);
            if (state instanceof PidFile.State.Absent) {
                throw new DaemonException.NotRunning(service.command(), pidFile);
            }
            if (state instanceof PidFile.State.Unreadable unreadable) {
                throw new DaemonException.IoWithPath("read PID file", pidFile, unreadable.cause());
            }
            if (state instanceof PidFile.State.Unsafe unsafe) {
                throw unsafe.problem();
            }
            if (state instanceof PidFile.State.Unproven unproven) {
                throw new DaemonException.Unverifiable(pidFile, unproven.reason());
            }
            if (state instanceof PidFile.State.Stale stale) {
                long pid = parse(pidFile, stale.text());
                removeStale(pidFile);
                throw new DaemonException.NoSuchProcess(service.command(), pid, pidFile);
            }
            PidFile.State.Held held = (PidFile.State.Held) state;
            boolean settled = System.nanoTime() - deadline >= 0;
            if (held.text().isBlank() && !settled) {
                Thread.sleep(10); // the daemon is starting: its PID is on its way
                continue;
            }
            long pid = parse(pidFile, held.text());
            if (pid == held.holder()) {
                return pid;
            }
            if (settled) {
                throw new DaemonException.NotOwner(pidFile, Long.toString(pid), held.holder());
            }
            Thread.sleep(10);
        }
    }

    /** The daemon removes its own file on a graceful stop; after SIGKILL it is up to us. */
    private static void removeAfterExit(Path pidFile) throws InterruptedException {
        try {
            if (!PidFile.removeOnceReleased(pidFile, AFTER_KILL)) {
                throw new DaemonException.StopFailed("the daemon has exited but PID file " + pidFile
                        + " is still locked by another process; check who uses this datadir");
            }
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("remove PID file", pidFile, e);
        }
    }

    private static long parse(Path pidFile, String text) {
        try {
            long pid = Long.parseLong(text.strip());
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DaemonException.ParsePid(pidFile, text);
    }

    private static void removeStale(Path pidFile) {
        try {
            PidFile.removeIfStale(pidFile);
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("remove stale PID file", pidFile, e);
        }
    }
}
