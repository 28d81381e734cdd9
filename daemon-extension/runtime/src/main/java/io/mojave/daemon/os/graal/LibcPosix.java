package io.mojave.daemon.os.graal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.UnmanagedMemory;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.word.WordFactory;

import io.mojave.daemon.os.Posix;
import io.mojave.daemon.os.SafeFiles;

/**
 * {@link Posix} for the native image: the same calls as the JVM's jnr-posix path, made directly
 * on libc with {@code @CFunction} (jnr-ffi generates classes at run time, which an image cannot).
 */
final class LibcPosix implements Posix {

    static final LibcPosix INSTANCE = new LibcPosix();

    /** {@code struct sockaddr_un}: a 2-byte family and a 108-byte path. */
    private static final int SOCKADDR_UN_SIZE = 110;
    private static final int SUN_PATH_OFFSET = 2;

    private LibcPosix() {
    }

    @Override
    public boolean kill(long pid, int signal) {
        if (pid <= 0) {
            // kill(0) and kill(-n) address whole process groups: never a daemon of ours.
            throw new IllegalArgumentException("refusing to signal pid " + pid);
        }
        if (LibC.kill((int) pid, signal) == 0) {
            return true;
        }
        int errno = LibC.errno();
        if (errno == LibC.ESRCH) {
            return false;
        }
        throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: errno " + errno);
    }

    @Override
    public void defaultDisposition(int signal) {
        if (LibC.signal(signal, WordFactory.nullPointer()).rawValue() == -1) { // SIG_ERR
            throw new IllegalStateException("signal(" + signal + ", SIG_DFL) failed: errno " + LibC.errno());
        }
    }

    @Override
    public int umask(int mask) {
        return LibC.umask(mask);
    }

    @Override
    public void setsid() {
        if (LibC.setsid() < 0) {
            throw new IllegalStateException("setsid() failed: errno " + LibC.errno());
        }
    }

    @Override
    public void redirectStdoutAndStderr(Path file) throws IOException {
        int fd;
        try (CTypeConversion.CCharPointerHolder path = CTypeConversion.toCString(file.toString())) {
            fd = LibC.open(path.get(), LibC.O_WRONLY | LibC.O_APPEND | LibC.O_CREAT | LibC.O_CLOEXEC | LibC.O_NOFOLLOW
                    | LibC.O_NONBLOCK, 0660);
        }
        if (fd < 0) {
            int errno = LibC.errno();
            throw new IOException("open(" + file + "): " + (errno == LibC.ELOOP ? "it is a symbolic link" : "errno " + errno));
        }
        try {
            SafeFiles.checkOpenFile(fd);
            for (int target : new int[] { 1, 2 }) {
                if (LibC.dup2(fd, target) < 0) {
                    throw new IOException("dup2 onto descriptor " + target + ": errno " + LibC.errno());
                }
            }
        } finally {
            LibC.close(fd);
        }
    }

    @Override
    public void sendDatagram(String socket, byte[] message) throws IOException {
        byte[] name = socket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = socket.startsWith("@");
        if (name.length >= SOCKADDR_UN_SIZE - SUN_PATH_OFFSET) {
            throw new IOException("socket path too long: " + socket);
        }
        int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM): errno " + LibC.errno());
        }
        CCharPointer address = UnmanagedMemory.calloc(SOCKADDR_UN_SIZE);
        try (PinnedObject payload = PinnedObject.create(message)) {
            address.write(0, (byte) LibC.AF_UNIX); // little-endian sa_family_t
            for (int i = 0; i < name.length; i++) {
                // '@' names the abstract namespace, whose first byte is NUL (already there from calloc)
                if (!(abstractName && i == 0)) {
                    address.write(SUN_PATH_OFFSET + i, name[i]);
                }
            }
            int length = SUN_PATH_OFFSET + name.length + (abstractName ? 0 : 1);
            long sent = LibC.sendto(fd, payload.addressOfArrayElement(0), message.length, 0, address, length);
            if (sent < 0) {
                throw new IOException("sendto(" + socket + "): errno " + LibC.errno());
            }
        } finally {
            UnmanagedMemory.free(address);
            LibC.close(fd);
        }
    }
}
