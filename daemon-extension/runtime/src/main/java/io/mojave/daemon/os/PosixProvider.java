package io.mojave.daemon.os;

/**
 * Chooses the {@link Posix} implementation: {@link JvmPosix} on the JVM. The native image replaces
 * {@link #get()} (see {@code io.mojave.daemon.os.graal}), since jnr-ffi generates classes at
 * run time, which a native image cannot do.
 */
final class PosixProvider {

    private PosixProvider() {
    }

    static Posix get() {
        return JvmPosix.INSTANCE;
    }
}
