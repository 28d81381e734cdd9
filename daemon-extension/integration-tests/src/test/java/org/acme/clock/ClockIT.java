package org.acme.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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
        assertThat(get(started.group(2))).startsWith("{\"status\":\"UP\",\"version\":");
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
        assertThat(status.out()).startsWith("acme-clock is running (pid " + pid + ", version ").contains(", health UP, datadir ")
                .contains(", file " + datadir.resolve("state/clock.txt"));
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

    @Test
    void restartStartsWhatIsStoppedAndReplacesWhatRuns() throws Exception {
        ServiceCli.Result first = cli.run("restart", "--datadir", datadir.toString(), "--greeting", "one");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.out()).startsWith("acme-clock is not running (no PID file " + datadir.resolve("clock.pid") + ")\n");
        Matcher one = STARTED.matcher(first.out());
        assertThat(one.find()).as(first.out()).isTrue();

        ServiceCli.Result second = cli.run("restart", "--datadir", datadir.toString(), "--greeting", "two");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.out()).startsWith("acme-clock stopped (pid " + one.group(1) + ")");
        Matcher two = STARTED.matcher(second.out());
        assertThat(two.find()).as(second.out()).isTrue();
        assertThat(Proc.isRunning(Long.parseLong(one.group(1)))).isFalse();
        assertThat(Files.readString(datadir.resolve("state/clock.txt"))).startsWith("greeting=two\n");
        // A restart with a bad option is refused before it stops anything.
        assertThat(cli.run("restart", "--datadir", datadir.toString(), "--tick", "0s").exitCode()).isEqualTo(2);
        assertThat(Proc.isRunning(Long.parseLong(two.group(1)))).isTrue();
    }

    @Test
    void stopWhenNothingRunsSaysSoAndSucceedsAsLsbWants() throws Exception {
        ServiceCli.Result none = cli.run("stop", "--datadir", datadir.toString());
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("acme-clock is not running (no PID file " + datadir.resolve("clock.pid") + ")\n");

        Files.createDirectories(datadir);
        long dead = Proc.deadPid();
        Files.writeString(datadir.resolve("clock.pid"), dead + "\n");
        ServiceCli.Result stale = cli.run("stop", "--datadir", datadir.toString());
        assertThat(stale.exitCode()).isZero();
        assertThat(stale.out()).startsWith("acme-clock is not running: no process with pid " + dead);
        assertThat(datadir.resolve("clock.pid")).doesNotExist();
    }

    @Test
    void theDatadirVariableStandsInForTheOption() throws Exception {
        ServiceCli withVariable = cli.withEnv("ACME_CLOCK_DATADIR", datadir.toString());
        ServiceCli.Result run = withVariable.run("run");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(datadir.resolve("clock.pid")).exists();

        assertThat(withVariable.run("status").exitCode()).isZero();
        assertThat(withVariable.run("stop").exitCode()).isZero();
        assertThat(datadir.resolve("clock.pid")).doesNotExist();
        assertThat(withVariable.run("run", "--help").out()).contains("$ACME_CLOCK_DATADIR");
    }

    @Test
    void helpIsACommandAndTheCompletionScriptLoadsInBash() throws Exception {
        ServiceCli.Result help = cli.run("help", "stop");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: acme-clock stop");

        ServiceCli.Result completion = cli.run("generate-completion");
        assertThat(completion.exitCode()).isZero();
        Path script = tmp.resolve("acme-clock.bash");
        Files.writeString(script, completion.out());
        Process bash = new ProcessBuilder("bash", "-c", "source '" + script + "' && complete -p acme-clock").redirectErrorStream(true).start();
        String printed = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(printed).isZero();
        assertThat(printed).contains("acme-clock");
    }

    @Test
    void theTopCommandHelpAndGenerateCompletionListTheExitCodesTheyReturn() {
        ServiceCli.Result top = cli.run("--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).endsWith("\n\nExit codes (a command's own are in its help):\n"
                + "  0   help or version shown\n"
                + "  2   usage error: no command, or an unknown command or option\n");
        ServiceCli.Result version = cli.run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).isNotBlank();
        assertThat(cli.run("run", "--version").out()).as("a command's --version is the app's").isEqualTo(version.out());
        assertThat(cli.run().exitCode()).as("no command").isEqualTo(2);
        assertThat(cli.run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(cli.run("--frobnicate").exitCode()).isEqualTo(2);

        ServiceCli.Result help = cli.run("help", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).endsWith("\n\nExit codes:\n  0   help shown\n  2   there is no such command\n");
        ServiceCli.Result unknown = cli.run("help", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: Unknown subcommand 'nosuch'. (see 'acme-clock --help')\n");
        // picocli rejects no extra word of a help command: that is no usage error.
        assertThat(cli.run("help", "--frobnicate").exitCode()).isZero();

        ServiceCli.Result completion = cli.run("generate-completion", "--help");
        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).endsWith("\n\nExit codes:\n  0   the script is printed\n");
        assertThat(cli.run("generate-completion", "--frobnicate").exitCode()).isZero();
    }

    @Test
    void zeroDurationsAreUsageErrors() {
        ServiceCli.Result start = cli.run("run", "--datadir", datadir.toString(), "--startup-timeout", "0");
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err()).isEqualTo("error: --startup-timeout must be above 0 (it is how long the start may take) "
                + "(see 'acme-clock run --help')\n");
        assertThat(datadir).doesNotExist();

        ServiceCli.Result stop = cli.run("stop", "--datadir", datadir.toString(), "--timeout", "0s");
        assertThat(stop.exitCode()).isEqualTo(2);
        assertThat(stop.err()).startsWith("error: --timeout must be above 0");
    }

    @Test
    void aFailedStartShowsWhyFromTheLogAndEveryLogLineIsJson() throws Exception {
        ServiceCli.Result run = cli.run("run", "--datadir", datadir.toString(), "--greeting", "fail");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(datadir.resolve("clock.log") + ", last warnings and errors:\n")
                .containsPattern("  \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  org.acme.clock.Clock  Asked to greet with 'fail'\n")
                .contains("the greeting 'fail' is refused");
        assertThat(run.err().lines().reduce((first, second) -> second).orElseThrow())
                .startsWith("error: acme-clock failed to start: cannot start: java.lang.IllegalStateException: the greeting 'fail' is refused");
        assertThat(Files.readAllLines(datadir.resolve("clock.log"))).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}").contains("\"processId\":")
                        .doesNotContain("\"sequence\"").doesNotContain("\"hostName\""));
        assertThat(datadir.resolve("clock.pid")).doesNotExist();
    }

    @Test
    void logsShowsReadableLinesFiltersByLevelAndFollowsARotation() throws Exception {
        ServiceCli.Result run = cli.run("run", "--datadir", datadir.toString(), "--tick", "100ms");
        assertThat(run.exitCode()).as(run.output()).isZero();

        ServiceCli.Result logs = cli.run("logs", "--datadir", datadir.toString(), "-n", "3");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.out().lines()).hasSize(3).allSatisfy(line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\w+ +\\S+  .*"));
        assertThat(cli.run("logs", "--datadir", datadir.toString(), "--json", "-n", "2").out().lines())
                .hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{"));
        assertThat(cli.run("logs", "--datadir", datadir.toString(), "--level", "warn").out()).doesNotContain(" INFO ");

        Process follow = cli.start("logs", "-f", "-n", "0", "--datadir", datadir.toString());
        try {
            java.io.BufferedReader lines = follow.inputReader();
            assertThat(readLine(lines)).as("a tick, followed").contains("tick hello");
            Path log = datadir.resolve("clock.log");
            Files.move(log, datadir.resolve("clock.log.1"));
            long pid = Long.parseLong(Files.readString(datadir.resolve("clock.pid")).strip());
            Proc.kill("HUP", pid);
            await("the reopened log", () -> Files.exists(log) && Files.readString(log).contains("Reopened log file"));
            String line;
            do {
                line = readLine(lines);
            } while (line != null && !line.contains("Reopened log file"));
            assertThat(line).as("the new file's first lines, followed").contains("Reopened log file");
        } finally {
            follow.destroy();
        }
    }

    @Test
    void aFullDiskCountsTheLogLinesItLostAndEveryLineStaysWholeJson() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to mount a small tmpfs (runs as "
                + System.getProperty("user.name") + ")");
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes()).strip();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: " + mountOutput);
        try {
            datadir = disk.resolve("data");
            ServiceCli.Result run = cli.run("run", "--datadir", datadir.toString(), "--tick", "20ms");
            assertThat(run.exitCode()).as(run.output()).isZero();
            Path log = datadir.resolve("clock.log");
            long pid = Long.parseLong(Files.readString(datadir.resolve("clock.pid")).strip());

            Path filler = disk.resolve("filler");
            assertThatThrownBy(() -> {
                try (var out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                    }
                }
            }).hasMessageContaining("No space left on device");
            Instant full = Instant.now();
            long sizeWhenFull = Files.size(log);
            // the outage: about 25 ticks, each a debug line and a warning that the disk is full
            Thread.sleep(500);
            assertThat(Files.size(log)).as("nothing more fits").isLessThanOrEqualTo(sizeWhenFull + 4096);
            Files.delete(filler);
            Instant freed = Instant.now();

            await("the log's word on what the full disk lost", () -> Files.readString(log).contains("log lines could not be written"));
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("every line whole JSON").allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
            JsonObject report = lines.stream().map(line -> Json.createReader(new StringReader(line)).readObject())
                    .filter(record -> record.getString("message").contains("log lines could not be written")).findFirst().orElseThrow();
            Matcher counted = Pattern.compile("^(\\d+) log lines could not be written to " + Pattern.quote(log.toString())
                    + " from (\\S+) to (\\S+) \\(No space left on device\\); the log is written again$").matcher(report.getString("message"));
            assertThat(counted.matches()).as(report.getString("message")).isTrue();
            // at most a debug line and a warning per tick of the outage, and a few lines of slack
            long ticks = Duration.between(full, freed).toMillis() / 20 + 1;
            assertThat(Long.parseLong(counted.group(1))).as("lines lost in %d ticks", ticks).isBetween(1L, 2 * ticks + 10);
            assertThat(Instant.parse(counted.group(2))).isBetween(full.minusSeconds(1), freed);
            assertThat(report.getString("level")).isEqualTo("WARN");
            assertThat(Proc.isRunning(pid)).as("the daemon lives on").isTrue();
            assertThat(cli.run("stop", "--datadir", datadir.toString()).exitCode()).isZero();
        } finally {
            SWEEPER.sweep();
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void theForegroundLogsReadableLinesOnATerminalAndJsonToAPipe() throws Exception {
        Path typescript = tmp.resolve("typescript");
        String command = String.join(" ", ServiceCli.ofJar(Path.of(System.getProperty("app.jar")), List.of(), SWEEPER).commandLine(
                List.of("run", "--no-daemon", "--datadir", datadir.toString())));
        Process terminal = cli.startRaw(List.of("script", "-q", "-f", "-e", "-c", command, typescript.toString()));
        try {
            await("the foreground clock on a terminal", () -> Files.exists(datadir.resolve("clock.pid"))
                    && Files.exists(typescript) && withoutColours(Files.readString(typescript)).contains("acme-clock started"));
            String shown = Files.readString(typescript);
            assertThat(shown).as("coloured").contains("\u001b[");
            assertThat(withoutColours(shown)).containsPattern("\\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[io.mojave.daemon.runtime.DaemonLifecycle\\] \\([^)]+\\) acme-clock started")
                    .doesNotContain("{\"timestamp\"");
        } finally {
            Proc.kill("TERM", Long.parseLong(Files.readString(datadir.resolve("clock.pid")).strip()));
            terminal.waitFor();
        }
    }

    private static String withoutColours(String text) {
        return text.replaceAll("\u001b\\[[0-9;]*m", "");
    }

    /** The next line, or a failure after the deadline: a follower that prints nothing must not hang the test. */
    private static String readLine(java.io.BufferedReader lines) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
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
