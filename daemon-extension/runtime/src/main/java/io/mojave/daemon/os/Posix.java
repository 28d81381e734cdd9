package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The few POSIX calls the daemon runtime makes that the JDK does not offer. One interface so that
 * the mechanism behind it (jnr-posix on the JVM) can be swapped in one place for the native build.
 */
public interface Posix {

    int SIGHUP = 1;
    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;
    int SIGCONT = 18;

    /** Sends {@code signal} to {@code pid}; false if no such process exists (ESRCH). */
    boolean kill(long pid, int signal);

    /**
     * Gives {@code signal} its default disposition again, undoing an inherited "ignore" (a script's
     * {@code cmd &} ignores SIGINT, {@code nohup} SIGHUP), which the JVM would otherwise keep: it
     * installs no handler for a signal it started with ignored.
     */
    void defaultDisposition(int signal);

    /** Sets the file mode creation mask and returns the previous one. */
    int umask(int mask);

    /** Makes this process the leader of a new session, detached from any controlling terminal. */
    void setsid();

    /**
     * Points this process's stdout and stderr (descriptors 1 and 2) at {@code file}, opened for
     * appending and created with mode 0660 less the umask if missing: how a daemon reopens its log after rotation.
     * Never through a symbolic link ({@code O_NOFOLLOW}), never blocking on a FIFO
     * ({@code O_NONBLOCK}); anything but a regular file of ours is refused.
     */
    void redirectStdoutAndStderr(Path file) throws IOException;

    /** Sends one datagram to the {@code AF_UNIX} socket at {@code socket} ({@code @name}: abstract namespace). */
    void sendDatagram(String socket, byte[] message) throws IOException;

    /** The implementation for this runtime (the native image substitutes {@link PosixProvider}). */
    static Posix get() {
        return PosixProvider.get();
    }
}
