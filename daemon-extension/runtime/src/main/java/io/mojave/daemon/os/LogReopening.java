package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * SIGHUP reopens the daemon's log file, so that logrotate's {@code create} mode works without
 * {@code copytruncate}'s lost lines; it never ends the process (the JVM's default, and Quarkus'
 * in native mode, would).
 */
public final class LogReopening {

    private LogReopening() {
    }

    /**
     * On SIGHUP, points stdout and stderr at a freshly opened {@code log} and tells {@code outcome}
     * (null on success, else the error). Safe to call again: the last handler installed wins.
     */
    public static void onSighupReopen(Path log, Consumer<IOException> outcome) {
        Signals.onHangup(() -> {
            try {
                System.out.flush();
                System.err.flush();
                Posix.get().redirectStdoutAndStderr(log);
                outcome.accept(null);
            } catch (IOException e) {
                outcome.accept(e);
            }
        });
    }

    /** On SIGHUP, only runs {@code note}: a process that logs to stdout has no file to reopen. */
    public static void onSighupKeepRunning(Runnable note) {
        Signals.onHangup(note);
    }
}
