package io.mojave.daemon.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads {@code /proc/locks} to learn which process holds the POSIX record lock on a file, without
 * taking any lock ourselves (a probe that locked, even briefly, could make a starting daemon think
 * the file is taken).
 */
public final class ProcLocks {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private ProcLocks() {
    }

    /** The PID holding a POSIX lock on {@code file}, or empty if none does. */
    public static OptionalLong holder(Path file) throws IOException {
        long inode = (Long) Files.getAttribute(file, "unix:ino");
        long device = (Long) Files.getAttribute(file, "unix:dev");
        return holder(Files.readAllLines(PROC_LOCKS), inode, device);
    }

    static OptionalLong holder(List<String> procLocks, long inode, long device) {
        String exactId = Long.toHexString(major(device)) + ":" + Long.toHexString(minor(device)) + ":" + inode;
        OptionalLong sameInodeOtherDevice = OptionalLong.empty();
        for (String line : procLocks) {
            // "1: POSIX  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF"; waiters are listed as "1: -> POSIX ...".
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 8 || !fields[1].equals("POSIX")) {
                continue;
            }
            long pid = Long.parseLong(fields[4]);
            if (pid <= 0) {
                continue;
            }
            String id = fields[5];
            if (sameIds(id, exactId)) {
                return OptionalLong.of(pid);
            }
            // Overlay file systems report another device in stat() than the kernel does here.
            if (id.endsWith(":" + inode)) {
                sameInodeOtherDevice = OptionalLong.of(pid);
            }
        }
        return sameInodeOtherDevice;
    }

    private static boolean sameIds(String fromProc, String computed) {
        String[] a = fromProc.split(":");
        String[] b = computed.split(":");
        return a.length == 3 && Long.parseLong(a[0], 16) == Long.parseLong(b[0], 16)
                && Long.parseLong(a[1], 16) == Long.parseLong(b[1], 16) && a[2].equals(b[2]);
    }

    private static long major(long dev) {
        return ((dev >>> 8) & 0xfffL) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xffL) | ((dev >>> 12) & ~0xffL);
    }
}
