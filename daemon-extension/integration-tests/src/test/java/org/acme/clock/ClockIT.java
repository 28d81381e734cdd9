package org.acme.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mojave.daemon.testing.DaemonSweeper;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/**
 * The daemon extension's specification, on the built jar of an app that is not Mojave: its own
 * name, start command ({@code run}), datadir, environment prefix and system properties.
 */
class ClockIT {

    private static final DaemonSweeper SWEEPER = new DaemonSweeper();
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern STARTED = Pattern.compile(
            "^acme-clock started \\(pid (\\d+), health (http://[^,]+/health), file (\\S+), log (\\S+)\\)$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private Path datadir;
    private ServiceCli cli;

    @BeforeEach
    void app() {
        datadir = tmp.resolve("data");
        cli = ServiceCli.ofJar(Path.of(System.getProperty("app.jar")),
                List.of("-Dacme.motto=sunny", "-Dquarkus.log.category.\"org.acme\".level=DEBUG", "-Dother.setting=dropped"), SWEEPER)
                .withEnv("HOME", tmp.toString());
    }

    @AfterEach
    void sweep() {
        SWEEPER.sweep();
    }

    @Test
    void runDetachesIsReadyOnReturnAndGetsItsOptionsAndProperties() throws Exception {
        ServiceCli.Result run = cli.run("run", "--datadir", datadir.toString(), "--greeting", "hi", "--tick", "100ms");

        assertThat(run.exitCode()).as("printed: %s", run.output()).isZero();
        Matcher started = STARTED.matcher(run.out());
        assertThat(started.find()).as("ready line in: %s", run.out()).isTrue();
        long pid = Long.parseLong(started.group(1));
        // Ready on return: the health endpoint answers UP at once, the PID file names the daemon.
        assertThat(get(started.group(2))).isEqualTo("{\"status\":\"UP\"}");
        assertThat(Files.readString(datadir.resolve("clock.pid")).strip()).isEqualTo(Long.toString(pid));
        assertThat(Proc.sessionId(pid)).as("its own session").isEqualTo(pid);
        assertThat(Files.readString(datadir.resolve("state/clock.txt"))).startsWith("greeting=hi\nmotto=sunny\n");
        await("a debug record of org.acme in the log, from the inherited -Dquarkus.log.category",
                () -> Files.readString(datadir.resolve("clock.log")).contains("tick hi"));
        assertThat(Proc.commandLine(pid)).contains("-Dacme.motto=sunny").doesNotContain("other.setting");
    }

    @Test
    void statusCodesFollowLsbAndStopStopsIt() throws Exception {
        assertThat(cli.run("status", "--datadir", datadir.toString()).exitCode()).isEqualTo(3);
        ServiceCli.Result run = cli.run("run", "--datadir", datadir.toString());
        assertThat(run.exitCode()).as("printed: %s", run.output()).isZero();
        Matcher started = STARTED.matcher(run.out());
        assertThat(started.find()).isTrue();
        long pid = Long.parseLong(started.group(1));

        ServiceCli.Result status = cli.run("status", "--datadir", datadir.toString());
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.out()).startsWith("acme-clock is running (pid " + pid + ", health UP");
        assertThat(cli.run("run", "--datadir", datadir.toString()).err()).contains("already running");

        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.out()).startsWith("acme-clock stopped (pid " + pid + ")");
        assertThat(Proc.isRunning(pid)).isFalse();
        assertThat(datadir.resolve("clock.pid")).doesNotExist();
        assertThat(cli.run("status", "--datadir", datadir.toString()).exitCode()).isEqualTo(3);

        Files.writeString(datadir.resolve("clock.pid"), Proc.deadPid() + "\n");
        assertThat(cli.run("status", "--datadir", datadir.toString()).exitCode()).as("stale PID file").isEqualTo(1);
    }

    @Test
    void theDefaultDatadirIsTheAppsOwn() {
        ServiceCli.Result status = cli.run("status");

        assertThat(status.exitCode()).isEqualTo(3);
        assertThat(status.out()).isEqualTo("acme-clock is not running (no PID file " + tmp.resolve(".acme/clock/clock.pid") + ")\n");
    }

    @Test
    void noDaemonAndTheAppsEnvironmentVariableRunInTheForeground() throws Exception {
        for (boolean byEnvironment : new boolean[] { false, true }) {
            ServiceCli foregroundCli = byEnvironment ? cli.withEnv("ACME_CLOCK_NO_DAEMON", "true") : cli;
            Process foreground = byEnvironment ? foregroundCli.start("run", "--datadir", datadir.toString())
                    : foregroundCli.start("run", "--no-daemon", "--datadir", datadir.toString());
            await("the foreground clock's PID file", () -> Files.exists(datadir.resolve("clock.pid"))
                    && Files.readString(datadir.resolve("clock.pid")).strip().equals(Long.toString(foreground.pid())));
            await("status running", () -> cli.run("status", "--datadir", datadir.toString()).exitCode() == 0);

            Proc.kill("TERM", foreground.pid());

            assertThat(foreground.waitFor()).as("a requested stop exits 0").isZero();
            assertThat(datadir.resolve("clock.pid")).doesNotExist();
            assertThat(new String(foreground.getInputStream().readAllBytes())).contains("\"message\":\"acme-clock started");
        }
    }

    @Test
    void usageErrorsExit2AndLeaveNothing() {
        Path fresh = tmp.resolve("fresh");
        for (String[] wrong : List.of(new String[] { "run", "--datadir", fresh.toString(), "--bogus" },
                new String[] { "run", "--datadir", fresh.toString(), "--tick", "0s" },
                new String[] { "run", "--datadir", fresh.toString(), "--health.port", "70000" },
                new String[] { "start", "--datadir", fresh.toString() })) {
            ServiceCli.Result result = cli.run(wrong);

            assertThat(result.exitCode()).as("%s: %s", String.join(" ", wrong), result.output()).isEqualTo(2);
            assertThat(result.err().lines()).singleElement().asString().startsWith("error: ");
            assertThat(result.out()).isEmpty();
            assertThat(fresh).as("nothing created for %s", String.join(" ", wrong)).doesNotExist();
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
