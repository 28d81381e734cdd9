package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/**
 * The container convention: the service runs as an arbitrary UID in group 0 (OpenShift), on a
 * volume (mode 0770, group 0) that another UID wrote before. Run as root, which drops to those UIDs
 * with {@code setpriv}; skipped with the reason elsewhere.
 */
class ArbitraryUidIT extends NodeTestSupport {

    private static final Pattern HEALTH = Pattern.compile("health (http://[^,)\\s\"]+)");

    @Test
    void anArbitraryUidInGroupZeroRunsOnAVolumeAnotherUidWroteFirst() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch UIDs (runs as " + System.getProperty("user.name") + ")");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        // the other UIDs must reach the volume: the test's own temporary folder is 0700
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Files.setPosixFilePermissions(volume, PosixFilePermissions.fromString("rwxrwx---"));
        Path datadir = volume; // as the images mount it: the volume is the datadir

        runUntilHealthy(41000, datadir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(datadir.resolve("chain")))).isEqualTo("rwxrwx---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(datadir.resolve("chain/blocks.mv.db"))))
                .isEqualTo("rw-rw----");
        assertThat(Files.getAttribute(datadir.resolve("chain/blocks.mv.db"), "unix:uid")).isEqualTo(41000);

        // another UID of group 0 opens the same store
        runUntilHealthy(42000, datadir);
    }

    @Test
    void inDaemonModeAnotherUidOfTheGroupTakesOverWhatTheFirstLeftBehind() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch UIDs (runs as " + System.getProperty("user.name") + ")");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        // the datadir is the volume itself, as a container mounts it: root's, group 0, 0770
        datadir = Files.createDirectories(tmp.resolve("volume"));
        Files.setPosixFilePermissions(datadir, PosixFilePermissions.fromString("rwxrwx---"));
        cli.withEnv("HOME", tmp.toString());

        ServiceCli first = cli.asUser(41000, 0, tmp);
        ServiceCli.Result started = first.run(initArgs());
        assertThat(started.exitCode()).as("uid 41000's init; printed: %s", started.output()).isZero();
        long firstPid = parseStarted(started.out()).pid();
        for (Path made : List.of(pidFile(), logFile(), datadir.resolve("chain/blocks.mv.db"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as("%s", made).isEqualTo("rw-rw----");
            assertThat(Files.getAttribute(made, "unix:uid")).as("%s's owner", made).isEqualTo(41000);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(datadir.resolve("chain")))).isEqualTo("rwxrwx---");
        ServiceCli second = cli.asUser(42000, 0, tmp);
        ServiceCli.Result whileItRuns = second.run("stop", "--datadir", datadir.toString());
        assertThat(whileItRuns.exitCode()).as(whileItRuns.output()).isEqualTo(1);
        assertThat(whileItRuns.err()).contains("this user may not look at its descriptors").endsWith("signalled nobody\n");
        assertThat(Proc.isRunning(firstPid)).isTrue();
        // the first UID's daemon dies without cleaning up: its PID file, log and store stay, its own
        Proc.kill("KILL", firstPid);
        await(Duration.ofSeconds(30), "uid 41000's daemon to be gone", () -> !Proc.isRunning(firstPid));

        ServiceCli.Result takenOver = second.run(initArgs());
        assertThat(takenOver.exitCode()).as("uid 42000's init; printed: %s", takenOver.output()).isZero();
        long secondPid = parseStarted(takenOver.out()).pid();
        assertThat(Files.readString(pidFile()).strip()).isEqualTo(Long.toString(secondPid));
        ServiceCli.Result status = second.run("status", "--datadir", datadir.toString());
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.out()).contains("pid " + secondPid).contains("health UP");
        assertThat(log()).as("uid 42000 writes the log uid 41000 created").contains("\"processId\":" + secondPid);

        ServiceCli.Result stop = second.run("stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(pidFile()).doesNotExist();
    }

    /** Runs the node in the foreground as {@code uid}:0 (as a container does), waits for /health 200, stops it with SIGTERM. */
    private void runUntilHealthy(int uid, Path datadir) throws Exception {
        Path out = tmp.resolve("out-" + uid + ".txt");
        ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=0", "--clear-groups",
                cli.launcher().toString(), "init", "--no-daemon", "--datadir", datadir.toString(), "--health.port", "0",
                "--http.port", "0")).redirectErrorStream(true).redirectOutput(out.toFile());
        // no MOJAVE_UMASK: the runtime gives a group-writable datadir's service the umask 007 itself
        builder.environment().put("HOME", tmp.toString());
        Process process = builder.start();
        try {
            String[] health = { null };
            await(Duration.ofSeconds(60), "uid " + uid + "'s node to be healthy", () -> {
                String text = Files.readString(out);
                assertThat(process.isAlive()).as("uid %d's node is running; it printed: %s", uid, text).isTrue();
                Matcher matcher = HEALTH.matcher(text);
                if (health[0] == null && matcher.find()) {
                    health[0] = matcher.group(1);
                }
                return health[0] != null && status(health[0]) == 200;
            });
        } finally {
            process.destroy(); // SIGTERM: a graceful stop, as a container runtime does
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).as("uid %d's exit status; it printed: %s", uid, Files.readString(out)).isZero();
    }

    private static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
