package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;

/** {@link Posix} through jnr-posix: loaded lazily, since loading it costs time and memory. */
final class JnrPosix implements Posix {

    static final JnrPosix INSTANCE = new JnrPosix();

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
        POSIX p = posix();
        if (p.kill((int) pid, signal) == 0) {
            return true;
        }
        int errno = p.errno();
        if (errno == Errno.ESRCH.intValue()) {
            return false;
        }
        throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: " + Errno.valueOf(errno));
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
        int flags = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_APPEND.intValue() | OpenFlags.O_CREAT.intValue();
        int fd = p.open(file.toString(), flags, 0640);
        if (fd < 0) {
            throw new IOException("open(" + file + "): " + Errno.valueOf(p.errno()));
        }
        try {
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
