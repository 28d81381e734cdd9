package io.mojave.daemon.os.graal;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import io.mojave.daemon.os.Posix;

/**
 * In the native image, {@code PosixProvider.get()} answers {@link LibcPosix}: jnr-posix and
 * jnr-unixsocket are then unreachable and stay out of the image. Chosen at build time, with the
 * same behaviour as on the JVM.
 */
@TargetClass(className = "io.mojave.daemon.os.PosixProvider")
final class Target_PosixProvider {

    @Substitute
    static Posix get() {
        return LibcPosix.INSTANCE;
    }
}
