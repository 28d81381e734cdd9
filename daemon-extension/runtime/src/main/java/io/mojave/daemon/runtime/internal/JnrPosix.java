package io.mojave.daemon.runtime.internal;

import jnr.constants.platform.Errno;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

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
}
