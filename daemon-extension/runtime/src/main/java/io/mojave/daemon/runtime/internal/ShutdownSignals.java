package io.mojave.daemon.runtime.internal;

import sun.misc.Signal;

/**
 * Routes SIGINT and SIGTERM to an orderly, requested shutdown instead of the JVM's default (exit
 * status 128+signal): a daemon that was asked to stop exits 0.
 */
public final class ShutdownSignals {

    private ShutdownSignals() {
    }

    /** Runs {@code onSignal} (on a signal-dispatch thread) when SIGINT or SIGTERM arrives. */
    public static void install(Runnable onSignal) {
        for (String name : new String[] { "INT", "TERM" }) {
            Signal.handle(new Signal(name), signal -> onSignal.run());
        }
    }
}
