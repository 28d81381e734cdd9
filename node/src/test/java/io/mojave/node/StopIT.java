package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.LockHolder;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/** {@code mojave-node stop} on the built artifact: graceful, forced, and refusing what is not ours. */
class StopIT extends NodeTestSupport {

    @Override
    protected String service() {
        return "node";
    }

    private ServiceCli.Result stop(String... extra) {
        List<String> args = new ArrayList<>(List.of("stop", "--datadir", datadir.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void stopEndsTheDaemonGracefullyWithSigintAndRemovesThePidFile() throws Exception {
        Started started = init();
        ServiceCli.Result result = stop();
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.out()).matches("mojave-node stopped \\(pid " + started.pid() + "\\) in \\d+\\.\\d\\d s\\n");
        assertThat(Proc.isRunning(started.pid())).isFalse();
        assertThat(pidFile()).doesNotExist();
        assertThat(log()).contains("Stopped; removed PID file").contains("mojave-node stopped in");
    }

    @Test
    void aStandInThatIgnoresSigintAndSigtermIsKilledAfterTheTimeout() throws Exception {
        Files.createDirectories(datadir);
        List<String> command = new ArrayList<>(List.of("env", "--ignore-signal=INT,TERM"));
        command.addAll(LockHolder.command(pidFile()));
        Process standIn = cli.startRaw(command);
        try {
            assertThat(new String(standIn.getInputStream().readNBytes(7))).isEqualTo("locked\n".substring(0, 7));
            ServiceCli.Result result = stop("--timeout", "300ms");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.out()).contains("stopped (pid " + standIn.pid() + ")").contains("SIGKILL");
            assertThat(Proc.awaitExit(standIn.pid(), Duration.ofSeconds(5))).isTrue();
            assertThat(pidFile()).doesNotExist();
        } finally {
            standIn.destroyForcibly();
        }
    }

    @Test
    void aPidFileWhoseDaemonIsGoneGivesNoSuchProcessAndIsClearedAndStopSucceeds() throws Exception {
        long dead = Proc.deadPid();
        Files.createDirectories(datadir);
        Files.writeString(pidFile(), dead + "\n");
        ServiceCli.Result result = stop();
        assertThat(result.exitCode()).as("LSB: stopping a stopped service succeeds").isZero();
        assertThat(result.out()).isEqualTo("mojave-node is not running: no process with pid " + dead + " holds "
                + pidFile() + " (the stale PID file has been removed)\n");
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void stopNeverSignalsAnUnrelatedProcessWhosePidIsInThePidFile() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createDirectories(datadir);
            Files.writeString(pidFile(), unrelated.pid() + "\n");
            ServiceCli.Result result = stop("--timeout", "200ms");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("no process with pid " + unrelated.pid());
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(Proc.isRunning(unrelated.pid())).isTrue();
        } finally {
            unrelated.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMissingPidFileMeansNotRunningAndStopSucceeds() {
        ServiceCli.Result result = stop();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("mojave-node is not running (no PID file " + pidFile() + ")\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aFolderInPlaceOfThePidFileIsRefused() throws Exception {
        Files.createDirectories(pidFile()); // a directory where the file should be: refused, never read
        ServiceCli.Result result = stop();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: refusing PID file " + pidFile() + ": it is a directory, not a regular file; "
                + "remove it; the daemon creates its own\n");
    }

    @Test
    void aPidFileThatIsNotAPositiveNumberGivesParsePid() throws Exception {
        Files.createDirectories(datadir);
        for (String text : List.of("abc\n", "0\n", "-1\n", "")) {
            Files.writeString(pidFile(), text);
            ServiceCli.Result result = stop();
            assertThat(result.exitCode()).as("for '%s'", text).isEqualTo(1);
            assertThat(result.err()).as("for '%s'", text)
                    .startsWith("error: PID file " + pidFile() + " does not hold a valid PID: '" + text.strip() + "'");
        }
    }

    @Test
    void aDaemonStartedFromAScriptInTheBackgroundStillStopsGracefully() throws Exception {
        // A non-interactive shell starts 'cmd &' with SIGINT ignored; the daemon must not inherit that.
        String init = String.join(" ", quoted(cli.launcher().toString()), String.join(" ", initArgs()));
        Process script = cli.startRaw(List.of("sh", "-c", init + " > " + tmp.resolve("init.out") + " 2>&1 & wait $!"));
        assertThat(script.waitFor()).isZero();
        Started started = parseStarted(Files.readString(tmp.resolve("init.out")));
        assertThat(Proc.ignores(started.pid(), 2)).as("SIGINT ignored by the daemon").isFalse();

        ServiceCli.Result result = stop("--timeout", "20s");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.out()).doesNotContain("SIGKILL");
        assertThat(log()).contains("Stopped; removed PID file");
    }

    private static String quoted(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }
}
