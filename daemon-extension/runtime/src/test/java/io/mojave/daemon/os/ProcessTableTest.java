package io.mojave.daemon.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class ProcessTableTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ChildProcesses children = new ChildProcesses();

    @AfterEach
    void killChildren() throws InterruptedException {
        children.close();
    }

    @Test
    void aLiveChildIsRunningUntilItIsKilledAndReaped() throws Exception {
        Process sleep = children.start("sleep", "30");

        assertThat(ProcessTable.isRunning(sleep.pid())).isTrue();

        ChildProcesses.kill(sleep);

        assertThat(ProcessTable.isRunning(sleep.pid())).isFalse();
    }

    @Test
    void aZombieIsNotRunning() throws Exception {
        // The short sleep becomes a child of the long one, which never reaps it: a zombie.
        Process parent = children.start("sh", "-c", "sleep 0.01 & exec sleep 30");
        long zombie = awaitOnlyChild(parent.pid());
        ChildProcesses.await("pid " + zombie + " is a zombie", DEADLINE, () -> "Z".equals(state(zombie)));

        assertThat(ProcessTable.isRunning(zombie)).isFalse();
        assertThat(ProcessTable.isRunning(parent.pid())).isTrue();
        assertThat(ProcessTable.awaitExit(ProcessHandle.of(zombie).orElseThrow(), Duration.ofMillis(1))).isTrue();
    }

    @Test
    void awaitExitReturnsFalseWhileTheProcessRuns() throws Exception {
        Process sleep = children.start("sleep", "30");

        assertThat(ProcessTable.awaitExit(sleep.toHandle(), Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aProcessNameWithParenthesesDoesNotFoolTheStateParser() throws Exception {
        // /proc/<pid>/stat is "<pid> (<comm>) <state> ...": a name holding ") Z (" must not read as a zombie.
        Path sleep = Files.createSymbolicLink(dir.resolve("x) Z (y"), Path.of(which("sleep")));
        Process process = children.start(sleep.toString(), "30");
        ChildProcesses.await("the child has exec'ed", DEADLINE, () -> stat(process.pid()).contains("(x) Z (y)"));

        assertThat(ProcessTable.isRunning(process.pid())).isTrue();
    }

    @Test
    void aPidAboveTheKernelsLimitIsNotRunning() throws IOException {
        // Read /proc/sys with a buffer: Files.readString gets only the first byte of a sysctl file.
        long pidMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip());

        assertThat(ProcessTable.isRunning(pidMax)).isFalse();
        assertThat(ProcessTable.isRunning(pidMax + 1)).isFalse();
    }

    @Test
    void listsAnIpv4ListenerOfThisProcessUntilItCloses() throws Exception {
        String address;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            address = "127.0.0.1:" + server.getLocalPort();

            assertThat(ProcessTable.listeningAddresses(SELF)).contains(address);
        }
        assertThat(ProcessTable.listeningAddresses(SELF)).doesNotContain(address);
    }

    @Test
    void listsAnIpv6Listener() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            try {
                server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            } catch (IOException noIpv6) {
                assumeThat(noIpv6).as("IPv6 loopback is available").isNull();
            }
            String suffix = "]:" + server.getLocalPort();

            assertThat(ProcessTable.listeningAddresses(SELF))
                    .filteredOn(address -> address.startsWith("[") && address.endsWith(suffix))
                    .singleElement()
                    .satisfies(address -> assertThat(InetAddress.getByName(address.substring(1, address.length() - suffix.length())))
                            .isInstanceOf(Inet6Address.class)
                            .satisfies(parsed -> assertThat(parsed.isLoopbackAddress()).isTrue()));
        }
    }

    @Test
    void aConnectedSocketIsNotAListener() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
                Socket accepted = server.accept()) {
            // the accepted connection has the listener's local address too, but it is established, not listening
            assertThat(ProcessTable.listeningAddresses(SELF))
                    .containsOnlyOnce("127.0.0.1:" + accepted.getLocalPort())
                    .doesNotContain("127.0.0.1:" + client.getLocalPort());
        }
    }

    @Test
    void aDeadProcessListensNowhere() throws Exception {
        assertThat(ProcessTable.listeningAddresses(deadPid())).isEmpty();
    }

    private long deadPid() throws Exception {
        Process process = children.start("true");
        ChildProcesses.kill(process);
        return process.pid();
    }

    /** Waits until {@code pid} has exactly one child, and returns it. */
    private static long awaitOnlyChild(long pid) throws InterruptedException {
        Path childrenFile = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
        String[] found = new String[1];
        ChildProcesses.await("pid " + pid + " has a child", DEADLINE, () -> {
            found[0] = read(childrenFile).strip();
            return !found[0].isEmpty();
        });
        return Long.parseLong(found[0].split(" ")[0]);
    }

    private static String state(long pid) {
        String stat = stat(pid);
        int endOfName = stat.lastIndexOf(')');
        return endOfName < 0 ? "" : stat.substring(endOfName + 2, endOfName + 3);
    }

    private static String stat(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }

    private static String which(String program) {
        for (String directory : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(program + " is not on the PATH");
    }
}
