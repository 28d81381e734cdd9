package io.mojave.daemon.os;

import sun.misc.Signal;

/**
 * The one place where the daemon runtime takes signals over from the JVM. A handler installed here
 * replaces the previous one for that signal (the JVM's, or ours from an earlier phase).
 */
public final class Signals {

    private Signals() {
    }

    /** SIGINT and SIGTERM run {@code action} (on a signal-dispatch thread) instead of ending the JVM. */
    public static void onStopRequest(Runnable action) {
        handle(action, "INT", "TERM");
    }

    /** SIGHUP runs {@code action} instead of ending the JVM. */
    public static void onHangup(Runnable action) {
        handle(action, "HUP");
    }

    /** SIGINT, SIGTERM and SIGHUP all run {@code action}: a short-lived command that must clean up on any of them. */
    public static void onAnyEnd(Runnable action) {
        handle(action, "INT", "TERM", "HUP");
    }

    /**
     * SIGINT, SIGTERM and SIGHUP back at their default dispositions if our caller ignored them (a
     * script's {@code cmd &}, {@code nohup}): the JVM installs no handler for a signal it found
     * ignored, and neither {@code stop} nor Ctrl-C would then do anything. Call it before the JVM's
     * or Quarkus' handlers are installed.
     */
    public static void restoreIgnoredToDefault() {
        for (int signal : new int[] { Posix.SIGHUP, Posix.SIGINT, Posix.SIGTERM }) {
            if (ProcessTable.ignores(ProcessHandle.current().pid(), signal)) {
                Posix.get().defaultDisposition(signal);
            }
        }
    }

    private static void handle(Runnable action, String... names) {
        for (String name : names) {
            Signal.handle(new Signal(name), signal -> action.run());
        }
    }
}
