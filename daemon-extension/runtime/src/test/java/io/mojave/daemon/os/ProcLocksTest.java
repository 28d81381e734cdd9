package io.mojave.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ProcLocksTest {

    private static final long INODE = 2146657L;

    @TempDir
    Path dir;

    private final ChildProcesses children = new ChildProcesses();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void candidatesAreThePosixWriteLockHoldersOfThatInodeNumberOnAnyDevice() {
        List<String> locks = List.of(
                "1: FLOCK  ADVISORY  WRITE 7098 fe:00:2146657 0 EOF",
                "2: POSIX  ADVISORY  WRITE 7270 fe:00:2146657 0 EOF",
                "3: POSIX  ADVISORY  WRITE 8000 fe:00:999 0 EOF",
                // an inode whose decimal form ends with ours is another file
                "4: POSIX  ADVISORY  WRITE 8001 fe:00:12146657 0 EOF",
                // the same number on another device: only a candidate, to be proven or not
                "5: POSIX  ADVISORY  WRITE 1111 00:2f:2146657 0 EOF",
                "6: POSIX  ADVISORY  READ  1112 00:2f:2146657 0 EOF",
                "6: -> POSIX  ADVISORY  WRITE 7300 fe:00:2146657 0 EOF",
                "7: OFDLCK ADVISORY  WRITE -1 fe:00:2146657 0 EOF");

        assertThat(ProcLocks.candidates(locks, INODE)).containsExactly(7270L, 1111L);
        assertThat(ProcLocks.candidates(List.of(), INODE)).isEmpty();
    }

    @Test
    void provesTheHolderOfARealLockFromAnotherProcess() throws Exception {
        Path file = dir.resolve("held.pid");
        Process holder = children.lockHolder(file);

        assertThat(ProcLocks.holder(file)).isEqualTo(new ProcLocks.Holder.Proven(holder.pid()));

        ChildProcesses.kill(holder);

        assertThat(Files.exists(file)).isTrue();
        assertThat(ProcLocks.holder(file)).isEqualTo(new ProcLocks.Holder.None());
    }

    @Test
    void aLockOnAnotherFileIsNoLockOnThisOne() throws Exception {
        Path held = dir.resolve("held.pid");
        children.lockHolder(held);
        Path free = Files.writeString(dir.resolve("free.pid"), "1234\n");

        assertThat(ProcLocks.holder(free)).isEqualTo(new ProcLocks.Holder.None());
    }

    @Test
    void aLinkIsNotFollowed() throws Exception {
        Path held = dir.resolve("held.pid");
        children.lockHolder(held);
        Path link = Files.createSymbolicLink(dir.resolve("link.pid"), held);

        assertThat(ProcLocks.holder(link)).isEqualTo(new ProcLocks.Holder.None());
    }
}
