package io.mojave.node;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.restassured.path.json.JsonPath;

/** {@code mojave-node init} on the built artifact: detach, preflight, startup failures. */
class InitIT extends NodeTestSupport {

    @Override
    protected String service() {
        return "node";
    }

    @Test
    void initDetachesAWellBehavedDaemonThatIsReadyWhenInitReturns() throws Exception {
        Path workdir = Files.createDirectories(tmp.resolve("work"));
        cli.inDirectory(workdir);
        Started started = init();

        // ready as soon as init returned
        given().get(started.healthUrl()).then().statusCode(200).body("status", equalTo("UP"));

        long pid = started.pid();
        assertThat(Files.readString(pidFile())).isEqualTo(pid + "\n");
        assertThat(Proc.sessionId(pid)).as("session leader").isEqualTo(pid);
        assertThat(Long.parseLong(Proc.status(pid, "PPid"))).isNotEqualTo(ProcessHandle.current().pid());
        assertThat(Proc.status(pid, "Umask")).isEqualTo("0027");
        assertThat(Proc.link(pid, "cwd")).isEqualTo(workdir.toRealPath());
        assertThat(Proc.link(pid, "fd/0")).hasToString("/dev/null");
        assertThat(started.log()).isEqualTo(logFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logFile()))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pidFile()))).isEqualTo("rw-r-----");

        List<String> lines = Files.readAllLines(logFile());
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            JsonPath record = JsonPath.from(line); // every line is a JSON record
            assertThat(record.getString("level")).isNotBlank();
        }
        assertThat(lines).anySatisfy(line -> assertThat(JsonPath.from(line).getString("message"))
                .contains("mojave-node").contains("starting").contains("pid " + pid).contains(datadir.toString()));
    }

    @Test
    void aSecondInitOnTheSameDatadirFailsWithAlreadyRunning() {
        Started first = init();
        ServiceCli.Result second = cli.run(initArgs());
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: mojave-node is already running (pid " + first.pid() + ", pid file "
                + pidFile() + ")");
        assertThat(second.err().lines()).hasSize(1);
        assertThat(Proc.isRunning(first.pid())).isTrue();
    }

    @Test
    void tenConcurrentInitsOnOneDatadirLeaveExactlyOneDaemon() throws Exception {
        List<CompletableFuture<ServiceCli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> cli.run(initArgs())));
        }
        List<ServiceCli.Result> results = runs.stream().map(CompletableFuture::join).toList();

        assertThat(results).filteredOn(result -> result.exitCode() == 0).hasSize(1);
        assertThat(results).filteredOn(result -> result.exitCode() == 1).hasSize(9)
                .allSatisfy(result -> assertThat(result.err()).contains("already running"));
        long winner = parseStarted(results.stream().filter(r -> r.exitCode() == 0).findFirst().orElseThrow().out()).pid();
        await(Duration.ofSeconds(30), "the losers to exit", () -> SWEEPER.processes(datadir.toString()).size() == 1);
        assertThat(SWEEPER.processes(datadir.toString())).containsExactly(winner);
        assertThat(Files.readString(pidFile())).isEqualTo(winner + "\n");
    }

    @Test
    void aPidFileNamingADeadProcessIsClearedAndInitSucceeds() throws Exception {
        long dead = Proc.deadPid();
        Files.createDirectories(datadir);
        Files.writeString(pidFile(), dead + "\n");
        Started started = init();
        assertThat(started.pid()).isNotEqualTo(dead);
        assertThat(Files.readString(pidFile())).isEqualTo(started.pid() + "\n");
        assertThat(log()).contains("Took over stale PID file").contains("'" + dead + "'");
    }

    @Test
    void anUnparsablePidFileIsClearedAndInitSucceeds() throws Exception {
        Files.createDirectories(datadir);
        Files.writeString(pidFile(), "not a pid\n");
        Started started = init();
        assertThat(Files.readString(pidFile())).isEqualTo(started.pid() + "\n");
    }

    @Test
    void thePidFileOfASigkilledDaemonIsClearedAndInitSucceeds() throws Exception {
        Started first = init();
        Proc.kill("KILL", first.pid());
        assertThat(Proc.awaitExit(first.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(pidFile()).exists();

        Started second = init();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        given().get(second.healthUrl()).then().statusCode(200);
    }

    @Test
    void initWhoseServiceCannotStartFailsAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceCli.Result result = cli.run(initArgs("--health.port", Integer.toString(taken.getLocalPort())));
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err().lines()).hasSize(1);
            assertThat(result.err()).startsWith("error: mojave-node failed to start: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).contains("Address already in use");
        }
        assertThat(pidFile()).doesNotExist();
        await(Duration.ofSeconds(10), "no daemon left", () -> SWEEPER.processes(datadir.toString()).isEmpty());
    }

    @Test
    void initThatIsNotReadyInTimeStopsTheChildAndFails() throws Exception {
        ServiceCli.Result result = cli.run(initArgs("--startup-timeout", "1ms"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("was not ready within").contains("--startup-timeout");
        assertThat(SWEEPER.processes(datadir.toString())).isEmpty();
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void ctrlCDuringInitStopsTheStartingChildAndLeavesNothingBehind() throws Exception {
        Process init = cli.start(initArgs());
        // The parent creates the log file just before it spawns the child, which then needs a JVM boot.
        await(Duration.ofSeconds(30), "the log file", () -> Files.exists(logFile()));
        Proc.kill("INT", init.pid());
        assertThat(init.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(init.getErrorStream().readAllBytes());
        assertThat(init.exitValue()).as(err).isEqualTo(1);
        assertThat(err).isEqualTo("error: interrupted: stopped the starting mojave-node\n");
        await(Duration.ofSeconds(10), "no daemon left", () -> SWEEPER.processes(datadir.toString()).isEmpty());
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void badOptionValuesAreUsageErrorsBeforeAnythingStarts() {
        ServiceCli.Result result = cli.run(initArgs("--health.port", "70000"));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").contains("--health.port").contains("70000");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(datadir).doesNotExist();
    }
}
