package io.mojave.daemon.os.graal;

import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.word.PointerBase;

/** The libc functions the native image calls directly (Linux, glibc or musl). */
final class LibC {

    static final int ESRCH = 3;
    static final int ELOOP = 40;
    static final int O_NONBLOCK = 04000;
    static final int O_NOFOLLOW = 0400000;
    static final int O_WRONLY = 01;
    static final int O_CREAT = 0100;
    static final int O_APPEND = 02000;
    static final int O_CLOEXEC = 02000000;
    static final int AF_UNIX = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 02000000;

    private LibC() {
    }

    @CFunction
    static native int kill(int pid, int signal);

    @CFunction
    static native int umask(int mask);

    /** {@code sighandler_t signal(int, sighandler_t)}: a null handler is {@code SIG_DFL}. */
    @CFunction
    static native PointerBase signal(int signal, PointerBase handler);

    @CFunction
    static native int setsid();

    @CFunction
    static native int open(CCharPointer path, int flags, int mode);

    @CFunction
    static native int dup2(int from, int to);

    @CFunction
    static native int close(int fd);

    @CFunction
    static native int socket(int domain, int type, int protocol);

    @CFunction
    static native long sendto(int fd, PointerBase buffer, long length, int flags, PointerBase address, int addressLength);

    @CFunction("__errno_location")
    static native CIntPointer errnoLocation();

    static int errno() {
        return errnoLocation().read();
    }
}
