package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.mojave.daemon.testing.LockHolder;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;

/**
 * The daemon runtime attacked as a hostile local user and a careless operator would, on the built
 * artifact: it never signals, writes or follows what is not its own. Cases that need root (mounts,
 * chown) skip with a printed reason elsewhere.
 */
class SafetyIT extends NodeTestSupport {

    private ServiceCli.Result run(String... args) {
        return cli.run(args);
    }

    private ServiceCli.Result status() {
        return run("status", "--datadir", datadir.toString());
    }

    private ServiceCli.Result stop(String... extra) {
        List<String> args = new ArrayList<>(List.of("stop", "--datadir", datadir.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** {@code init} that must fail with exit 1 and one error line, leaving no PID file and no daemon. */
    private String refusedInit() throws IOException {
        ServiceCli.Result result = cli.run(initArgs());
        assertThat(result.exitCode()).as("init exit code; printed: %s", result.output()).isEqualTo(1);
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).startsWith("error: refusing ").doesNotContain("Exception");
        return result.err();
    }

    private static boolean isRoot() {
        return Proc.status(ProcessHandle.current().pid(), "Uid").split("\\s+")[1].equals("0");
    }

    private static void assumeRoot(String what) {
        if (!isRoot()) {
            System.out.println("SKIPPED " + what + ": needs root (mounts, chown), this test runs as uid "
                    + Proc.status(ProcessHandle.current().pid(), "Uid").split("\\s+")[1]);
        }
        Assumptions.assumeTrue(isRoot(), what + " needs root");
    }

    private Process standIn(Path pidFile, String... options) throws IOException {
        Process holder = cli.startRaw(LockHolder.command(pidFile, options));
        assertThat(new String(holder.getInputStream().readNBytes(7))).isEqualTo("locked\n");
        return holder;
    }

    @Test
    void aLockOnAnotherFileWithTheSameInodeNumberNeverMakesItsHolderOurDaemon() throws Exception {
        assumeRoot("the same inode number on two tmpfs mounts");
        Path ours = Files.createDirectories(tmp.resolve("ours"));
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        mount(ours);
        try {
            mount(theirs);
            try {
                datadir = ours;
                Files.writeString(pidFile(), "");
                long inode = (Long) Files.getAttribute(pidFile(), "unix:ino");
                Path twin = null;
                for (int i = 0; i < 1000 && twin == null; i++) {
                    Path candidate = Files.writeString(theirs.resolve("f" + i), "");
                    if ((Long) Files.getAttribute(candidate, "unix:ino") == inode) {
                        twin = candidate;
                    }
                }
                assertThat(twin).as("a file with inode %d on the other tmpfs", inode).isNotNull();
                Process victim = standIn(twin);
                Files.writeString(pidFile(), victim.pid() + "\n");

                ServiceCli.Result status = status();
                assertThat(status.exitCode()).as(status.output()).isEqualTo(1);
                assertThat(status.out()).contains("is not running, but its PID file " + pidFile() + " is stale");
                ServiceCli.Result stop = stop("--timeout", "200ms");
                assertThat(stop.exitCode()).as("not running, LSB's success; printed: %s", stop.output()).isZero();
                assertThat(stop.out()).contains("no process with pid " + victim.pid() + " holds " + pidFile());
                assertThat(victim.isAlive()).as("the victim got no signal").isTrue();
                victim.destroyForcibly().waitFor();
            } finally {
                unmount(theirs);
            }
        } finally {
            unmount(ours);
        }
    }

    @Test
    void onOverlayfsTheDaemonIsStillFoundByItsLock() throws Exception {
        assumeRoot("an overlayfs datadir");
        Path layers = Files.createDirectories(tmp.resolve("layers"));
        mount(layers);
        Path merged = Files.createDirectories(tmp.resolve("merged"));
        try {
            for (String layer : List.of("lower", "upper", "work")) {
                Files.createDirectories(layers.resolve(layer));
            }
            exec("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + layers.resolve("lower") + ",upperdir="
                    + layers.resolve("upper") + ",workdir=" + layers.resolve("work"), merged.toString());
            try {
                datadir = merged.resolve("data");
                Started started = init();
                ServiceCli.Result status = status();
                assertThat(status.exitCode()).as(status.output()).isZero();
                assertThat(status.out()).contains("is running (pid " + started.pid());
                ServiceCli.Result stop = stop();
                assertThat(stop.exitCode()).as(stop.output()).isZero();
                assertThat(Proc.isRunning(started.pid())).isFalse();
            } finally {
                unmount(merged);
            }
        } finally {
            unmount(layers);
        }
    }

    @Test
    void aPidFileThatIsALinkIsNeitherWrittenThroughNorFollowedByStop() throws Exception {
        Files.createDirectories(datadir);
        Path victimFile = tmp.resolve("victim.pid");
        Process victim = standIn(victimFile); // a daemon elsewhere that locks its own PID file
        String victimText = Files.readString(victimFile);
        Files.createSymbolicLink(pidFile(), victimFile);

        assertThat(refusedInit()).contains("refusing PID file " + pidFile() + ": it is a symbolic link to " + victimFile);
        ServiceCli.Result stop = stop("--timeout", "200ms");
        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.err()).startsWith("error: refusing PID file " + pidFile() + ": it is a symbolic link");
        ServiceCli.Result status = status();
        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(victim.isAlive()).as("the victim got no signal").isTrue();
        assertThat(Files.readString(victimFile)).isEqualTo(victimText);
        victim.destroyForcibly().waitFor();
    }

    @Test
    void aLogThatIsALinkIsNeverAppendedToNorCreatedWhereItPoints() throws Exception {
        Files.createDirectories(datadir);
        Path existing = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");
        Files.createSymbolicLink(logFile(), existing);
        assertThat(refusedInit()).contains("refusing log file " + logFile() + ": it is a symbolic link to " + existing);
        assertThat(Files.readString(existing)).isEqualTo("root:x:0:0\n");
        assertThat(pidFile()).doesNotExist();

        Files.delete(logFile());
        Path dangling = tmp.resolve("created-by-root");
        Files.createSymbolicLink(logFile(), dangling);
        assertThat(refusedInit()).contains("it is a symbolic link");
        assertThat(dangling).doesNotExist();
    }

    @Test
    void sighupReopensTheLogButNeverThroughANewlyPlantedLink() throws Exception {
        Started started = init();
        Path rotated = datadir.resolve("node.log.1");
        Files.move(logFile(), rotated);
        Path victim = tmp.resolve("victim");
        Files.createSymbolicLink(logFile(), victim);

        Proc.kill("HUP", started.pid());

        await(Duration.ofSeconds(20), "the daemon to say it could not reopen its log",
                () -> Files.readString(rotated).contains("Could not reopen log file " + logFile()));
        assertThat(Files.readString(rotated)).contains("it is a symbolic link");
        assertThat(victim).doesNotExist();
        assertThat(Proc.isRunning(started.pid())).as("SIGHUP never ends the daemon").isTrue();

        Files.delete(logFile());
        Proc.kill("HUP", started.pid());
        await(Duration.ofSeconds(20), "the log to be reopened", () -> Files.exists(logFile())
                && Files.readString(logFile()).contains("Reopened log file " + logFile() + " on SIGHUP"));
    }

    @Test
    void aHardLinkInPlaceOfTheLogIsRefused() throws Exception {
        Files.createDirectories(datadir);
        Path elsewhere = Files.writeString(tmp.resolve("shadow"), "secret\n");
        Files.createLink(logFile(), elsewhere);
        assertThat(refusedInit()).contains("refusing log file " + logFile() + ": it has 2 hard links");
        assertThat(Files.readString(elsewhere)).isEqualTo("secret\n");
    }

    @Test
    void anotherUserWhoCannotProveWhoHoldsThePidFileSignalsNobody() throws Exception {
        assumeRoot("status and stop as another user");
        Started started = init();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x")); // JUnit's 0700 would stop them at once
        Files.setPosixFilePermissions(datadir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(pidFile(), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        ServiceCli.Result probe = runAs(asNobody, "test", "-r", cli.launcher().toString());
        Assumptions.assumeTrue(probe.exitCode() == 0, "uid 65534 cannot read " + cli.launcher());

        ServiceCli.Result status = runAs(asNobody, cli.launcher().toString(), "status", "--datadir", datadir.toString());
        assertThat(status.exitCode()).as(status.output()).isEqualTo(4);
        assertThat(status.out()).contains("status is unknown: cannot tell who holds PID file " + pidFile())
                .contains("run this command as that process's user or as root").contains("signalled nobody");
        ServiceCli.Result stop = runAs(asNobody, cli.launcher().toString(), "stop", "--datadir", datadir.toString());
        assertThat(stop.exitCode()).as(stop.output()).isEqualTo(1);
        assertThat(stop.err()).startsWith("error: cannot tell who holds PID file " + pidFile());
        assertThat(Proc.isRunning(started.pid())).isTrue();
        assertThat(status().exitCode()).as("root can tell").isZero();
    }

    private ServiceCli.Result runAs(List<String> prefix, String... command) throws Exception {
        List<String> all = new ArrayList<>(prefix);
        all.addAll(List.of(command));
        Process process = cli.startRaw(all);
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        return new ServiceCli.Result(process.waitFor(), out, err);
    }

    @Test
    void aFifoOrAFolderInPlaceOfTheLogIsRefusedAtOnce() throws Exception {
        Files.createDirectories(datadir);
        exec("mkfifo", logFile().toString());
        long started = System.nanoTime();
        assertThat(refusedInit()).contains("refusing log file " + logFile() + ": it is a FIFO (named pipe), not a regular file");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

        Files.delete(logFile());
        Files.createDirectory(logFile());
        assertThat(refusedInit()).contains("refusing log file " + logFile() + ": it is a directory, not a regular file");
    }

    @Test
    void aStoreFolderThatIsALinkIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
        Files.createDirectories(datadir);
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(datadir.resolve("chain"), elsewhere);

        ServiceCli.Result result = cli.run(initArgs());
        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.err()).contains("refusing state folder " + datadir.resolve("chain") + ": it is a symbolic link to " + elsewhere);
        try (var entries = Files.list(elsewhere)) {
            assertThat(entries).isEmpty();
        }
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void aDatadirOthersMayWriteIsRefusedBeforeAnythingIsWritten() throws Exception {
        Files.createDirectories(datadir);
        Files.setPosixFilePermissions(datadir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(refusedInit()).isEqualTo("error: refusing datadir " + datadir + ": it is writable by every user (mode 0777); "
                + "make it private with 'chmod 750 " + datadir + "' and give it to the daemon's user with chown\n");
        try (var entries = Files.list(datadir)) {
            assertThat(entries).as("nothing written in it").isEmpty();
        }
        exec("chmod", "1777", datadir.toString());
        assertThat(refusedInit()).as("sticky does not make it private").contains("writable by every user (mode 1777)");

        assumeRoot("a datadir writable by a group the daemon is not in");
        Files.setPosixFilePermissions(datadir, PosixFilePermissions.fromString("rwxrwx---"));
        exec("chgrp", "65534", datadir.toString());
        assertThat(refusedInit()).contains("it is writable by group 65534 (mode 0770), which this daemon's user (uid 0) is not in");
    }

    @Test
    void aPidFileOfAnotherUserIsNotTakenOver() throws Exception {
        assumeRoot("a PID file owned by another user");
        Files.createDirectories(datadir);
        Files.writeString(pidFile(), Proc.deadPid() + "\n");
        exec("chown", "65534:65534", pidFile().toString());

        assertThat(refusedInit()).contains("refusing PID file " + pidFile() + ": it belongs to uid 65534, not to this daemon's user (uid 0)");
        assertThat(Files.getAttribute(pidFile(), "unix:uid")).isEqualTo(65534);
    }

    @Test
    void aStoppedDaemonIsWokenAndStopsGracefullyWellUnderTheTimeout() throws Exception {
        Started started = init();
        Proc.kill("STOP", started.pid());
        await(Duration.ofSeconds(10), "the daemon to be stopped", () -> Proc.status(started.pid(), "State").startsWith("T"));

        ServiceCli.Result status = status();
        assertThat(status.exitCode()).as(status.output()).isEqualTo(4);
        assertThat(status.out()).isEqualTo("mojave-node is alive but stopped (pid " + started.pid() + ", state T: SIGSTOP, Ctrl-Z or a "
                + "debugger); 'kill -CONT " + started.pid() + "' resumes it, 'mojave-node stop' stops it\n");

        ServiceCli.Result stop = stop("--timeout", "30s");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.out()).matches("mojave-node stopped \\(pid " + started.pid() + "\\) in \\d\\.\\d\\d s\\n");
        assertThat(log()).contains("Stopped; removed PID file");
    }

    @Test
    void aDaemonThatHoldsItsLockButDoesNotAnswerIsNotCalledRunning() throws Exception {
        Files.createDirectories(datadir);
        Process frozen = standIn(pidFile(), "--listen"); // its port is bound before it says "locked"

        ServiceCli.Result status = status();
        assertThat(status.exitCode()).as(status.output()).isEqualTo(4);
        assertThat(status.out()).startsWith("mojave-node is alive but not responding (pid " + frozen.pid() + "): http://127.0.0.1:")
                .contains("/health did not answer within 2 s");
        frozen.destroyForcibly().waitFor();
    }

    @Test
    void aStandInThatIgnoresSigintGetsSigtermInstead() throws Exception {
        Files.createDirectories(datadir);
        List<String> command = new ArrayList<>(List.of("env", "--ignore-signal=INT"));
        command.addAll(LockHolder.command(pidFile()));
        Process standIn = cli.startRaw(command);
        assertThat(new String(standIn.getInputStream().readNBytes(7))).isEqualTo("locked\n");

        ServiceCli.Result stop = stop("--timeout", "30s");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.out()).contains("stopped (pid " + standIn.pid() + ")").contains("(it ignores SIGINT: sent SIGTERM)")
                .doesNotContain("SIGKILL");
        assertThat(pidFile()).doesNotExist();
    }

    @Test
    void theForegroundStartedWithSigintIgnoredStillStopsGracefully() throws Exception {
        // A script's 'cmd &' starts cmd with SIGINT ignored; the foreground service must not keep that.
        String init = String.join(" ", "'" + cli.launcher() + "'", String.join(" ", initArgs("--no-daemon")));
        Process script = cli.startRaw(List.of("sh", "-c", init + " > /dev/null 2>&1 & wait $!"));
        await(Duration.ofSeconds(60), "the foreground service to run", () -> status().exitCode() == 0);
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        assertThat(Proc.ignores(pid, 2)).as("SIGINT ignored by the service").isFalse();

        ServiceCli.Result stop = stop("--timeout", "30s");
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(stop.out()).doesNotContain("SIGTERM").doesNotContain("SIGKILL");
        assertThat(script.waitFor()).as("the service's exit status, through the script's wait").isZero();
    }

    @Test
    void aPidFileDeletedWhileTheDaemonRunsIsPutBack() throws Exception {
        Started started = init();
        Files.delete(pidFile());

        await(Duration.ofSeconds(20), "the PID file to be back", () -> Files.exists(pidFile())
                && Files.readString(pidFile()).equals(started.pid() + "\n"));
        await(Duration.ofSeconds(20), "the log to say so", () -> log().contains("was removed while we run; wrote and locked a new one"));
        ServiceCli.Result status = status();
        assertThat(status.exitCode()).as(status.output()).isZero();
        ServiceCli.Result stop = stop();
        assertThat(stop.exitCode()).as(stop.output()).isZero();
        assertThat(Proc.isRunning(started.pid())).isFalse();
    }

    @Test
    void initKilledAtAnyMomentLeavesNoDaemonBehindUnlessItSaidStarted() throws Exception {
        for (String signal : List.of("TERM", "KILL")) {
            for (String moment : List.of("at once", "once the child runs", "once the child has booted")) {
                String what = "SIGTERM".replace("TERM", signal) + " " + moment;
                datadir = tmp.resolve("data-" + signal + "-" + moment.replace(' ', '-'));
                Process init = cli.start(initArgs());
                if (!moment.equals("at once")) {
                    await(Duration.ofSeconds(60), "the daemon child to run (" + what + ")", () -> !childrenOf(init).isEmpty());
                }
                if (moment.equals("once the child has booted")) {
                    await(Duration.ofSeconds(60), "the child to log its start (" + what + ")", () -> log().contains("starting (pid"));
                }
                Proc.kill(signal, init.pid());
                assertThat(init.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("init ended (%s)", what).isTrue();
                if (signal.equals("TERM") && !moment.equals("at once")) {
                    assertThat(init.exitValue()).as(what).isEqualTo(1);
                    assertThat(new String(init.getErrorStream().readAllBytes())).as(what)
                            .isEqualTo("error: interrupted: stopped the starting mojave-node\n");
                }
                await(Duration.ofSeconds(40), "no daemon left (" + what + ")", () -> childrenOf(init).isEmpty());
                assertThat(pidFile()).as("PID file (%s)", what).doesNotExist();
                if (signal.equals("KILL") && moment.equals("once the child has booted")) {
                    assertThat(log()).contains("the init that started this daemon is gone before it reported the start");
                }
            }
        }
    }

    @Test
    void theStartupTimeoutBoundsInitEvenWhenTheChildIsFrozen() throws Exception {
        Process init = cli.start(initArgs("--startup-timeout", "3s"));
        await(Duration.ofSeconds(60), "the daemon child's JVM to run", () -> !childrenOf(init).isEmpty());
        for (long child : childrenOf(init)) {
            Proc.kill("STOP", child);
        }
        assertThat(init.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("init ended").isTrue();
        assertThat(init.exitValue()).isEqualTo(1);
        assertThat(new String(init.getErrorStream().readAllBytes()))
                .startsWith("error: mojave-node was not ready within 3.0 s (--startup-timeout); stopped it");
        await(Duration.ofSeconds(20), "no daemon left", () -> childrenOf(init).isEmpty());
        assertThat(pidFile()).doesNotExist();
    }

    /**
     * The JVMs other than {@code init} whose command line names this test's datadir: its daemon
     * child (the launcher's subshells and the detaching shell carry the same arguments, but are no
     * JVM; the shell and env exec the JVM in the child's own PID).
     */
    private List<Long> childrenOf(Process init) {
        List<Long> found = new ArrayList<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == init.pid()) {
                    continue;
                }
                try {
                    String commandLine = Files.readString(process.resolve("cmdline")).replace('\0', ' ');
                    if (commandLine.split(" ")[0].endsWith("/java") && commandLine.contains(" --datadir " + datadir + " ")
                            && Proc.isRunning(Long.parseLong(name))) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
    }

    private static void mount(Path where) throws Exception {
        exec("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", where.toString());
    }

    private static void unmount(Path where) throws Exception {
        exec("umount", "-l", where.toString());
    }

    private static void exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            if (command[0].equals("mount")) {
                System.out.println("SKIPPED: '" + String.join(" ", command) + "' failed here: " + output.strip());
                Assumptions.abort("mount refused here: " + output.strip());
            }
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
