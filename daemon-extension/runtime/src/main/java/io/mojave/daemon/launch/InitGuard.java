package io.mojave.daemon.launch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.mojave.daemon.os.Signals;

/**
 * Keeps a daemonizing {@code init} within its promise: it ends within {@code --startup-timeout},
 * and SIGINT, SIGTERM or SIGHUP end it too, leaving no process behind, whatever it is blocked in
 * (a hung file system, a child that stalls in mid-report). Signals are noted for {@link Daemonizer},
 * which stops a half-started child itself as soon as it looks; should it not get to look within a
 * grace period, because it is stuck, this guard kills the child, says why and exits 1.
 */
final class InitGuard implements AutoCloseable {

    /** How long the guarded code gets to react to a signal or the deadline by itself. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 50;

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final String service;
    private final Duration timeout;
    private final long deadline;
    private final PrintWriter err;
    private volatile long cancelledAt;
    private volatile String phase = "starting";
    private volatile DaemonChild child;
    private volatile boolean disarmed;

    private InitGuard(String service, Duration timeout, PrintWriter err) {
        this.service = service;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.err = err;
    }

    /** Takes over SIGINT, SIGTERM and SIGHUP, and starts guarding; a stuck {@code init}'s error goes to {@code err}. */
    static InitGuard start(String service, Duration timeout, PrintWriter err) {
        InitGuard guard = new InitGuard(service, timeout, err);
        // A script's "init &" starts us with SIGINT ignored, where the JVM would install no handler:
        // Ctrl-C on the script must still end a half-done start cleanly.
        Signals.restoreIgnoredToDefault();
        Signals.onAnyEnd(guard::cancel);
        Thread watcher = new Thread(guard::watch, "init-guard");
        watcher.setDaemon(true);
        watcher.start();
        return guard;
    }

    /** Whether a signal asked {@code init} to give up. */
    boolean cancelled() {
        return cancelled.get();
    }

    /** What {@code init} does now, for the message should it get stuck there. */
    void phase(String what) {
        phase = what;
    }

    /** The child to kill should {@code init} get stuck. */
    void child(DaemonChild started) {
        child = started;
    }

    /** From now on the guarded code's own waits are bounded: it reports and cleans up by itself. */
    @Override
    public synchronized void close() {
        disarmed = true;
    }

    private void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            cancelledAt = System.nanoTime();
        }
    }

    private void watch() {
        while (!disarmed) {
            long now = System.nanoTime();
            boolean stuckAfterSignal = cancelled.get() && now - cancelledAt > GRACE.toNanos();
            boolean stuckAfterDeadline = now - deadline > GRACE.toNanos();
            if (stuckAfterSignal || stuckAfterDeadline) {
                giveUp(stuckAfterSignal);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void giveUp(boolean signalled) {
        if (disarmed) {
            return;
        }
        DaemonChild started = child;
        if (started != null) {
            started.kill();
        }
        String reason = signalled ? "interrupted" : "not ready within " + timeout.toMillis() / 1000.0 + " s (--startup-timeout)";
        err.println("error: " + service + " " + reason + " while " + phase + (started != null ? "; killed the starting daemon (pid "
                + started.pid() + ")" : "; nothing was started"));
        err.flush();
        Runtime.getRuntime().halt(1);
    }
}
