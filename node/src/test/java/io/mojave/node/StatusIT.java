package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/** {@code mojave-node status} and its LSB exit codes, on the built artifact. */
class StatusIT extends NodeTestSupport {

    @Override
    protected String service() {
        return "node";
    }

    private ServiceCli.Result status() {
        return cli.run("status", "--datadir", datadir.toString());
    }

    @Test
    void notRunningWithoutAPidFileIs3() {
        ServiceCli.Result result = status();
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("mojave-node is not running (no PID file " + pidFile() + ")\n");
    }

    @Test
    void runningIs0AndShowsPidDatadirPortAndUptime() {
        Started started = init();
        int port = URI.create(started.healthUrl()).getPort();
        ServiceCli.Result result = status();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("mojave-node is running (pid " + started.pid() + ", health UP, datadir " + datadir)
                .containsPattern("listening on [^,]*\\b127\\.0\\.0\\.1:" + port + "\\b").contains(", up ");
    }

    @Test
    void aStalePidFileLeftByAKilledDaemonIs1() throws Exception {
        Started started = init();
        Proc.kill("KILL", started.pid());
        assertThat(Proc.awaitExit(started.pid(), Duration.ofSeconds(10))).isTrue();
        ServiceCli.Result result = status();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("is not running, but its PID file " + pidFile() + " is stale");
        assertThat(pidFile()).as("status changes nothing").exists();
    }

    @Test
    void anUnreadablePidFileIs4() throws Exception {
        Files.createDirectories(pidFile());
        ServiceCli.Result result = status();
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.out()).contains("status is unknown").contains(pidFile().toString());
    }
}
