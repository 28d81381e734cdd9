package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import io.mojave.daemon.DaemonException;
import io.mojave.daemon.ServiceDescriptor;

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

    /** What a stop did. */
    public record Stopped(long pid, Duration took, boolean killed) {
    }

    /** Stops the daemon that holds {@code pidFile}. */
    public Stopped stop(Path pidFile, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long pid = daemonPid(pidFile);
        boolean killed = false;
        if (posix.kill(pid, Posix.SIGINT) && !ProcessTable.awaitExit(pid, timeout)) {
            posix.kill(pid, Posix.SIGKILL);
            killed = true;
            if (!ProcessTable.awaitExit(pid, AFTER_KILL)) {
                throw new DaemonException.StopFailed("pid " + pid + " is still running " + AFTER_KILL.toSeconds()
                        + " s after SIGKILL (stuck in the kernel?); PID file " + pidFile + " left in place");
            }
        }
        removeAfterExit(pidFile);
        return new Stopped(pid, Duration.ofNanos(System.nanoTime() - started), killed);
    }

    /** The PID in the file, proven to be the process that holds the file's lock. */
    private long daemonPid(Path pidFile) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            PidFile.State state = PidFile.inspect(pidFile);
            if (state instanceof PidFile.State.Absent) {
                throw new DaemonException.IoWithPath("read PID file", pidFile,
                        new java.nio.file.NoSuchFileException(pidFile.toString()));
            }
            if (state instanceof PidFile.State.Unreadable unreadable) {
                throw new DaemonException.IoWithPath("read PID file", pidFile, unreadable.cause());
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
                throw new DaemonException.NotOwner(pidFile, pid, held.holder());
            }
            Thread.sleep(10);
        }
    }

    /**
     * The daemon removes its own file on a graceful stop; after SIGKILL it is up to us. A process
     * whose main thread is already a zombie may still hold its files for a moment while its other
     * threads exit, so the lock is retried briefly.
     */
    private static void removeAfterExit(Path pidFile) throws InterruptedException {
        long deadline = System.nanoTime() + AFTER_KILL.toNanos();
        try {
            while (!PidFile.removeIfStale(pidFile)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new DaemonException.StopFailed("the daemon has exited but PID file " + pidFile
                            + " is still locked by another process; check who uses this datadir");
                }
                Thread.sleep(5);
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
