package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/**
 * {@link Posix} on the JVM. jnr-posix (and jnr-unixsocket) cost ~200 ms and tens of MB when first
 * loaded, so they are loaded lazily and kept off the paths that can do without: signals go through
 * the {@code kill} program (SIGKILL through {@link ProcessHandle}), which is faster for the one
 * signal a {@code stop} sends; a daemon child gets its session and umask before the JVM starts
 * (see {@code launch.DaemonChild}) and only calls here if it did not.
 */
final class JvmPosix implements Posix {

    static final JvmPosix INSTANCE = new JvmPosix();

    private static final Map<Integer, String> SIGNAL_NAMES = Map.of(SIGHUP, "HUP", SIGINT, "INT", SIGTERM, "TERM", SIGCONT, "CONT");

    /** The one libc call jnr-posix lacks: {@code signal(sig, SIG_DFL)}. */
    public interface Signals {
        /** {@code sighandler_t signal(int, sighandler_t)}; a handler of 0 is {@code SIG_DFL}. */
        long signal(int signal, long handler);
    }

    private volatile Signals signals;

    private volatile POSIX posix;

    private POSIX posix() {
        POSIX loaded = posix;
        if (loaded == null) {
            synchronized (this) {
                if (posix == null) {
                    posix = POSIXFactory.getNativePOSIX();
                }
                loaded = posix;
            }
        }
        return loaded;
    }

    @Override
    public boolean kill(long pid, int signal) {
        if (pid <= 0) {
            // kill(0) and kill(-n) address whole process groups: never a daemon of ours.
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        if (signal == SIGKILL) {
            return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        }
        String name = SIGNAL_NAMES.get(signal);
        if (name == null) {
            throw new IllegalArgumentException("unsupported signal " + signal);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true)
                    .start();
            if (kill.waitFor() == 0) {
                return true;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling pid " + pid, e);
        }
        if (!ProcessTable.isRunning(pid)) {
            return false; // ESRCH: it exited meanwhile
        }
        throw new IllegalStateException("kill -s " + name + " " + pid + " failed (permission denied?)");
    }

    @Override
    public void defaultDisposition(int signal) {
        Signals loaded = signals;
        if (loaded == null) {
            loaded = LibraryLoader.create(Signals.class).load("c");
            signals = loaded;
        }
        if (loaded.signal(signal, 0) == -1) { // SIG_ERR
            throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed");
        }
    }

    @Override
    public int umask(int mask) {
        return posix().umask(mask);
    }

    @Override
    public void setsid() {
        POSIX p = posix();
        if (p.setsid() < 0) {
            throw new IllegalStateException("setsid() failed: " + Errno.valueOf(p.errno()));
        }
    }

    @Override
    public void redirectStdoutAndStderr(Path file) throws IOException {
        POSIX p = posix();
        int flags = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_APPEND.intValue() | OpenFlags.O_CREAT.intValue()
                | OpenFlags.O_NOFOLLOW.intValue() | OpenFlags.O_NONBLOCK.intValue();
        int fd = p.open(file.toString(), flags, 0660);
        if (fd < 0) {
            Errno errno = Errno.valueOf(p.errno());
            throw new IOException("open(" + file + "): " + (errno == Errno.ELOOP ? "it is a symbolic link" : errno));
        }
        try {
            SafeFiles.checkOpenFile(fd);
            for (int target : new int[] { 1, 2 }) {
                if (p.dup2(fd, target) < 0) {
                    throw new IOException("dup2 onto descriptor " + target + ": " + Errno.valueOf(p.errno()));
                }
            }
        } finally {
            p.close(fd);
        }
    }

    @Override
    public void sendDatagram(String socket, byte[] message) throws IOException {
        // A leading '@' names a socket in the abstract namespace, whose real name starts with NUL.
        String name = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(message), new UnixSocketAddress(name));
        }
    }
}
