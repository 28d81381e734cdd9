package io.mojave.daemon.runtime.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP while a daemonizing {@code init} waits for its child: noted,
 * so that {@link Daemonizer} stops the half-started child and says so, instead of the JVM ending
 * with the child left to itself. Taken over as soon as a child exists, which may be before the
 * command line is parsed (see {@link EarlyChild}).
 */
final class InitInterrupts {

    private static final AtomicBoolean RECEIVED = new AtomicBoolean();
    private static boolean installed;

    private InitInterrupts() {
    }

    /** Installs the handlers (once) and returns the flag they set. */
    static synchronized AtomicBoolean install() {
        if (!installed) {
            for (String name : new String[] { "INT", "TERM", "HUP" }) {
                Signal.handle(new Signal(name), signal -> RECEIVED.set(true));
            }
            installed = true;
        }
        return RECEIVED;
    }
}
