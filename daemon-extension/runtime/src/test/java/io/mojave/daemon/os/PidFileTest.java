package io.mojave.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mojave.daemon.DaemonException;

/**
 * The PID file against real files and real processes. While this JVM holds a PID file, the tests
 * never open that file themselves: closing any descriptor of it would drop our record lock (see
 * the pitfalls in ARCHITECTURE.md); they read it with {@code cat} and look at the lock in
 * {@code /proc/locks}.
 */
class PidFileTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private final ChildProcesses children = new ChildProcesses();
    private PidFile acquired;

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (acquired != null) {
            acquired.close();
        }
        children.close();
    }

    @Test
    void inspectSaysAbsentWithoutAFile() {
        assertThat(PidFile.inspect(dir.resolve("node.pid"))).isEqualTo(new PidFile.State.Absent());
    }

    @Test
    void inspectSaysStaleForAFileNobodyHolds() throws Exception {
        long dead = deadPid();
        Path path = Files.writeString(dir.resolve("node.pid"), dead + "\n");

        assertThat(PidFile.inspect(path)).isEqualTo(new PidFile.State.Stale(dead + "\n"));
    }

    @Test
    void inspectSaysHeldWithTheHolderAndWhatItWrote() throws Exception {
        Path path = dir.resolve("node.pid");
        Process daemon = children.lockHolder(path, "--write-pid");

        assertThat(PidFile.inspect(path)).isEqualTo(new PidFile.State.Held(daemon.pid(), daemon.pid() + "\n"));
    }

    @Test
    void aHeldFileWithoutAPidYetIsHeld() throws Exception {
        Path path = dir.resolve("node.pid");
        Process starting = children.lockHolder(path);

        assertThat(PidFile.inspect(path)).isEqualTo(new PidFile.State.Held(starting.pid(), ""));
    }

    @Test
    void aFileWhoseHolderWasKilledIsStale() throws Exception {
        Path path = dir.resolve("node.pid");
        Process daemon = children.lockHolder(path, "--write-pid");

        ChildProcesses.kill(daemon);

        assertThat(PidFile.inspect(path)).isEqualTo(new PidFile.State.Stale(daemon.pid() + "\n"));
    }

    @Test
    void inspectRefusesADirectoryOrALinkInsteadOfReadingIt() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("node.pid"));
        Path held = dir.resolve("held.pid");
        children.lockHolder(held, "--write-pid");
        Path link = Files.createSymbolicLink(dir.resolve("link.pid"), held);

        assertThat(PidFile.inspect(directory)).isInstanceOfSatisfying(PidFile.State.Unsafe.class,
                unsafe -> assertThat(unsafe.problem()).hasMessageContaining("it is a directory, not a regular file"));
        assertThat(PidFile.inspect(link)).isInstanceOfSatisfying(PidFile.State.Unsafe.class,
                unsafe -> assertThat(unsafe.problem()).hasMessageContaining("it is a symbolic link to " + held));
    }

    @Test
    void acquireRefusesALinkAndLeavesItsTargetAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), "precious\n");
        Path link = Files.createSymbolicLink(dir.resolve("node.pid"), target);

        assertThatThrownBy(() -> PidFile.acquire("mojave-node", link)).isInstanceOf(DaemonException.UnsafePath.class)
                .hasMessageStartingWith("refusing PID file " + link + ": it is a symbolic link");
        assertThat(Files.readString(target)).isEqualTo("precious\n");
    }

    @Test
    void aRemovedPidFileIsPutBackLockedAndARemovedOneAgainToo() throws Exception {
        Path path = dir.resolve("node.pid");
        acquired = PidFile.acquire("mojave-node", path);
        assertThat(acquired.restoreIfLost()).isNull();

        Files.delete(path);

        assertThat(acquired.restoreIfLost()).contains("was removed while we run; wrote and locked a new one");
        // read by another process: closing a descriptor of our own would drop our lock
        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
        assertThat(acquired.restoreIfLost()).isNull();

        Files.move(Files.writeString(dir.resolve("other"), "1\n"), path, StandardCopyOption.REPLACE_EXISTING);

        assertThat(acquired.restoreIfLost()).contains("was replaced by another file");
        // read by another process: closing a descriptor of our own would drop our lock
        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
    }

    @Test
    void removeIfStaleRemovesAFileNobodyHolds() throws Exception {
        Path path = Files.writeString(dir.resolve("node.pid"), deadPid() + "\n");

        assertThat(PidFile.removeIfStale(path)).isTrue();
        assertThat(path).doesNotExist();
    }

    @Test
    void removeIfStaleOfNoFileIsDone() throws Exception {
        assertThat(PidFile.removeIfStale(dir.resolve("node.pid"))).isTrue();
    }

    @Test
    void removeIfStaleLeavesAHeldFileAlone() throws Exception {
        Path path = dir.resolve("node.pid");
        Process daemon = children.lockHolder(path, "--write-pid");

        assertThat(PidFile.removeIfStale(path)).isFalse();

        assertThat(Files.readString(path)).isEqualTo(daemon.pid() + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(daemon.pid()));
    }

    @Test
    void acquireWritesOurPidWithMode0640AndHoldsTheLock() throws Exception {
        Path path = dir.resolve("node.pid");

        acquired = PidFile.acquire("mojave-node", path);

        assertThat(acquired.pid()).isEqualTo(SELF);
        assertThat(acquired.path()).isEqualTo(path);
        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r-----");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
    }

    @Test
    void closeRemovesTheFileAndReleasesTheLock() throws Exception {
        Path path = dir.resolve("node.pid");
        PidFile pidFile = PidFile.acquire("mojave-node", path);
        long inode = (Long) Files.getAttribute(path, "unix:ino");
        assertThat(ProcLocks.candidates(procLocks(), inode)).contains(SELF);

        pidFile.close();
        pidFile.close();

        assertThat(path).doesNotExist();
        assertThat(ProcLocks.candidates(procLocks(), inode)).doesNotContain(SELF);
    }

    @Test
    void closeLeavesAFileThatReplacedOurs() throws Exception {
        Path path = dir.resolve("node.pid");
        PidFile pidFile = PidFile.acquire("mojave-node", path);
        // Someone renames another file over ours: the path now names an inode we never locked.
        Path other = Files.writeString(dir.resolve("other.tmp"), "4242\n");
        Files.move(other, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        pidFile.close();

        assertThat(Files.readString(path)).isEqualTo("4242\n");
    }

    @Test
    void acquireTakesOverAStaleFileNamingADeadProcess() throws Exception {
        Path path = Files.writeString(dir.resolve("node.pid"), deadPid() + "\n");

        acquired = PidFile.acquire("mojave-node", path);

        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
    }

    @Test
    void acquireTakesOverAFileOfGarbageLongerThanAPid() throws Exception {
        Path path = Files.writeString(dir.resolve("node.pid"), "not a pid, and much longer than one\nsecond line\n");

        acquired = PidFile.acquire("mojave-node", path);

        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
    }

    @Test
    void acquireTakesOverAFileLeftByAKilledDaemon() throws Exception {
        Path path = dir.resolve("node.pid");
        ChildProcesses.kill(children.lockHolder(path, "--write-pid"));

        acquired = PidFile.acquire("mojave-node", path);

        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
    }

    @Test
    void acquireRefusesWhileAnotherProcessHoldsTheFile() throws Exception {
        Path path = dir.resolve("node.pid");
        Process daemon = children.lockHolder(path, "--write-pid");

        assertThatThrownBy(() -> PidFile.acquire("mojave-node", path))
                .isInstanceOfSatisfying(DaemonException.AlreadyRunning.class, running -> {
                    assertThat(running.pid()).isEqualTo(daemon.pid());
                    assertThat(running.pidFile()).isEqualTo(path);
                    assertThat(running.getMessage()).contains("pid " + daemon.pid()).contains("mojave-node stop");
                });

        assertThat(Files.readString(path)).isEqualTo(daemon.pid() + "\n");
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(daemon.pid()));
    }

    @Test
    void acquireWaitsOutALockHeldForAnInstant() throws Exception {
        Path path = dir.resolve("node.pid");
        // A stale-file cleanup (preflight, stop) holds the lock briefly, well within acquire's retries.
        Process cleanup = children.lockHolder(path, "--hold-millis", "100");

        acquired = PidFile.acquire("mojave-node", path);

        assertThat(cleanup.waitFor(ChildProcesses.START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();
        assertThat(ProcLocks.holder(path)).isEqualTo(new ProcLocks.Holder.Proven(SELF));
        assertThat(children.output("cat", path.toString())).isEqualTo(SELF + "\n");
    }

    @Test
    void acquireInAMissingDirectoryNamesThePath() {
        Path path = dir.resolve("missing").resolve("node.pid");

        assertThatThrownBy(() -> PidFile.acquire("mojave-node", path))
                .isInstanceOfSatisfying(DaemonException.IoWithPath.class, failure -> {
                    assertThat(failure.path()).isEqualTo(path);
                    assertThat(failure.getMessage()).isEqualTo("cannot open PID file " + path + ": no such file or directory");
                });
    }

    /** The PID of a process that has exited and been reaped. */
    private long deadPid() throws Exception {
        Process process = children.start("true");
        ChildProcesses.kill(process);
        return process.pid();
    }

    private static List<String> procLocks() throws IOException {
        return Files.readAllLines(Path.of("/proc/locks"));
    }
}
