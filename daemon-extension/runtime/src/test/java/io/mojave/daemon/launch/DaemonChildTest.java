package io.mojave.daemon.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mojave.daemon.os.ChildProcesses;

/** The detached start of a daemon child, on real processes: what the daemon gets, and what we keep of it. */
class DaemonChildTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private DaemonChild child;

    @AfterEach
    void endChild() throws InterruptedException {
        if (child != null) {
            child.end(DEADLINE);
        }
    }

    @Test
    void theDaemonIsNoChildOfThisProcessAndLeadsItsOwnSessionWithUmask027() throws Exception {
        child = DaemonChild.start(List.of("sleep", "60"), Map.of(), dir.resolve("daemon.log"), 0027);

        assertThat(child.isRunning()).isTrue();
        // A live child would hold this JVM's exit for 300 ms (the reaper thread sits in waitpid).
        assertThat(ProcessHandle.current().children().map(ProcessHandle::pid)).doesNotContain(child.pid());
        assertThat(ProcessHandle.of(child.pid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .isNotEqualTo(ProcessHandle.current().pid());
        ChildProcesses.await("pid " + child.pid() + " runs sleep", DEADLINE, () -> "sleep".equals(comm(child.pid())));
        assertThat(statField(child.pid(), 6)).as("session id").isEqualTo(Long.toString(child.pid()));
        assertThat(status(child.pid(), "Umask")).isEqualTo("0027");
    }

    @Test
    void itsOutputIsAppendedToTheLogAndItsInputIsEmpty() throws Exception {
        Path log = dir.resolve("daemon.log");
        Files.writeString(log, "earlier\n");

        child = DaemonChild.start(List.of("sh", "-c", "echo out; echo err >&2; cat; echo read-all"), Map.of(), log, 0027);

        assertThat(child.awaitExit(DEADLINE)).isTrue();
        assertThat(Files.readAllLines(log)).containsExactly("earlier", "out", "err", "read-all");
    }

    @Test
    void itGetsTheEnvironmentItIsGiven() throws Exception {
        Path log = dir.resolve("daemon.log");

        child = DaemonChild.start(List.of("sh", "-c", "echo \"$GREETING\""), Map.of("GREETING", "hi there"), log, 0027);

        assertThat(child.awaitExit(DEADLINE)).isTrue();
        assertThat(Files.readAllLines(log)).containsExactly("hi there");
    }

    @Test
    void endTerminatesTheDaemon() throws Exception {
        child = DaemonChild.start(List.of("sleep", "60"), Map.of(), dir.resolve("daemon.log"), 0027);

        child.end(DEADLINE);

        assertThat(child.isRunning()).isFalse();
    }

    @Test
    void aDaemonThatIgnoresTerminationIsKilledAfterTheGrace() throws Exception {
        Path ready = dir.resolve("trapped");
        child = DaemonChild.start(List.of("sh", "-c", "trap '' TERM; touch " + ready + "; while :; do sleep 0.1; done"),
                Map.of(), dir.resolve("daemon.log"), 0027);
        ChildProcesses.await("the daemon ignores SIGTERM", DEADLINE, () -> Files.exists(ready));

        child.end(Duration.ofMillis(200));

        assertThat(child.isRunning()).isFalse();
    }

    @Test
    void aDaemonThatHasExitedIsNotRunningAndIsNotSignalled() throws Exception {
        child = DaemonChild.start(List.of("true"), Map.of(), dir.resolve("daemon.log"), 0027);

        assertThat(child.awaitExit(DEADLINE)).isTrue();
        assertThat(child.isRunning()).isFalse();
        child.terminate(); // its PID may belong to another process by now: no signal goes there
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** Field {@code number} (1-based, as in proc(5)) of /proc/pid/stat. */
    private static String statField(long pid, int number) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return afterName[number - 3];
    }

    private static String status(long pid, String key) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(key + ":"))
                .map(line -> line.substring(key.length() + 1).strip())
                .findFirst().orElseThrow();
    }
}
