package io.mojave.daemon.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcLocksTest {

    /** st_dev of a file on device fe:00 (major 254, minor 0), as stat() reports it. */
    private static final long DEV_FE_00 = 0xfe00L;
    private static final long INODE = 2146657L;

    @TempDir
    Path dir;

    private final ChildProcesses children = new ChildProcesses();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void findsThePosixLockHolderOfTheFile() {
        List<String> locks = List.of(
                "1: FLOCK  ADVISORY  WRITE 7098 fe:00:2154504 0 EOF",
                "2: POSIX  ADVISORY  WRITE 7270 fe:00:2146657 0 EOF",
                "3: POSIX  ADVISORY  WRITE 8000 fe:00:999 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).hasValue(7270);
    }

    @Test
    void noLineForTheFileMeansNoHolder() {
        List<String> locks = List.of(
                "1: POSIX  ADVISORY  WRITE 8000 fe:00:999 0 EOF",
                // an inode whose decimal form ends with ours is another file
                "2: POSIX  ADVISORY  WRITE 8001 fe:00:12146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).isEmpty();
        assertThat(ProcLocks.holder(List.of(), INODE, DEV_FE_00)).isEmpty();
    }

    @Test
    void aFlockOnTheFileIsNotARecordLock() {
        List<String> locks = List.of("1: FLOCK  ADVISORY  WRITE 7098 fe:00:2146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).isEmpty();
    }

    @Test
    void aWaiterIsNotTheHolder() {
        List<String> locks = List.of(
                "1: POSIX  ADVISORY  WRITE 7270 fe:00:2146657 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 7300 fe:00:2146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).hasValue(7270);
        assertThat(ProcLocks.holder(locks.subList(1, 2), INODE, DEV_FE_00)).isEmpty();
    }

    @Test
    void openFileDescriptionLocksWithoutAPidAreSkipped() {
        List<String> locks = List.of("1: OFDLCK ADVISORY  WRITE -1 fe:00:2146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).isEmpty();
    }

    @Test
    void decodesMinorNumbersAbove255() {
        // device 00:123 (anonymous block devices of overlay or tmpfs mounts): minor 0x123 is split in dev_t
        long dev = 0x23L | (0x1L << 20);
        List<String> locks = List.of(
                "1: POSIX  ADVISORY  WRITE 1111 00:23:77 0 EOF",
                "2: POSIX  ADVISORY  WRITE 4242 00:123:77 0 EOF");

        assertThat(ProcLocks.holder(locks, 77, dev)).hasValue(4242);
    }

    @Test
    void anExactDeviceMatchWinsOverTheSameInodeOnAnotherDevice() {
        List<String> locks = List.of(
                "1: POSIX  ADVISORY  WRITE 1111 00:2f:2146657 0 EOF",
                "2: POSIX  ADVISORY  WRITE 2222 fe:00:2146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).hasValue(2222);
    }

    @Test
    void onOverlayFileSystemsTheSameInodeOnAnotherDeviceCounts() {
        // overlayfs: stat() names the overlay's device, /proc/locks the upper layer's
        List<String> locks = List.of("1: POSIX  ADVISORY  WRITE 1111 00:2f:2146657 0 EOF");

        assertThat(ProcLocks.holder(locks, INODE, DEV_FE_00)).hasValue(1111);
    }

    @Test
    void readsTheHolderOfARealLockFromAnotherProcess() throws Exception {
        Path file = dir.resolve("held.pid");
        Process holder = children.lockHolder(file);

        assertThat(ProcLocks.holder(file)).isEqualTo(OptionalLong.of(holder.pid()));

        ChildProcesses.kill(holder);

        assertThat(Files.exists(file)).isTrue();
        assertThat(ProcLocks.holder(file)).isEmpty();
    }

    @Test
    void anUnlockedFileHasNoHolder() throws Exception {
        Path file = Files.writeString(dir.resolve("free.pid"), "1234\n");

        assertThat(ProcLocks.holder(file)).isEmpty();
    }
}
