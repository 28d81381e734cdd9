package io.mojave.daemon.runtime.internal;

/**
 * The few POSIX calls the daemon runtime makes that the JDK does not offer. One interface so that
 * the mechanism behind it (jnr-posix on the JVM) can be swapped in one place for the native build.
 */
public interface Posix {

    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;

    /** Sends {@code signal} to {@code pid}; false if no such process exists (ESRCH). */
    boolean kill(long pid, int signal);

    /** Sets the file mode creation mask and returns the previous one. */
    int umask(int mask);

    /** Makes this process the leader of a new session, detached from any controlling terminal. */
    void setsid();

    /** The implementation for this runtime. */
    static Posix get() {
        return JnrPosix.INSTANCE;
    }
}
