package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.LockHolder;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonObject;

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
    void runningIs0AndShowsPidVersionHealthDatadirLabelledEndpointsAndUptime() {
        Started started = init();
        ServiceCli.Result result = status();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).matches("mojave-node is running \\(pid " + started.pid() + ", version \\S+, health UP, datadir "
                + Pattern.quote(datadir.toString()) + ", health " + Pattern.quote(started.healthUrl())
                + ", rpc http://127\\.0\\.0\\.1:\\d+, up \\d+s\\)\n");
    }

    @Test
    void jsonIsOneObjectForScripts() {
        Started started = init();
        ServiceCli.Result result = cli.run("status", "--json", "--datadir", datadir.toString());
        assertThat(result.exitCode()).isZero();
        JsonObject status = new JsonObject(result.out());
        assertThat(status.getString("state")).isEqualTo("running");
        assertThat(status.getLong("pid")).isEqualTo(started.pid());
        assertThat(status.getString("service")).isEqualTo("mojave-node");
        assertThat(status.getJsonObject("health").getString("status")).isEqualTo("UP");
        assertThat(status.getJsonObject("endpoints").getString("health")).isEqualTo(started.healthUrl());
        assertThat(status.getJsonObject("endpoints").getString("rpc")).startsWith("http://127.0.0.1:");
        assertThat(status.getString("version")).isNotBlank();

        cli.run("stop", "--datadir", datadir.toString());
        ServiceCli.Result stopped = cli.run("status", "--json", "--datadir", datadir.toString());
        assertThat(stopped.exitCode()).isEqualTo(3);
        assertThat(new JsonObject(stopped.out()).getString("state")).isEqualTo("not-running");
    }

    @Test
    void aPidFileNamingAnotherProcessThanItsLockHolderIs4AndNotRunning() throws Exception {
        Files.createDirectories(datadir);
        Process holder = cli.startRaw(LockHolder.command(pidFile()));
        try {
            assertThat(holder.inputReader().readLine()).isEqualTo("locked");
            long impostor = ProcessHandle.current().pid();
            Files.writeString(pidFile(), impostor + "\n"); // another process's number, under the holder's lock

            ServiceCli.Result result = status();

            assertThat(result.exitCode()).as(result.output()).isEqualTo(4);
            assertThat(result.out()).isEqualTo("mojave-node status is unknown: PID file " + pidFile() + " names pid '" + impostor
                    + "' but is locked by pid " + holder.pid() + "; not signalling either; check which process uses this datadir\n");
        } finally {
            holder.destroyForcibly().waitFor();
        }
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
