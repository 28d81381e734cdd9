package io.mojave.daemon.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the end-to-end tests of a service's daemon behaviour on the built artifact: a fresh
 * datadir per test, the service's launcher, and a sweep of every process the test started.
 */
public abstract class DaemonTestSupport {

    private static final Pattern STARTED = Pattern.compile(
            "(mojave-\\w+) started \\(pid (\\d+), health (http://[^,]+/health), .*log (\\S+)\\)");

    protected static final DaemonSweeper SWEEPER = new DaemonSweeper();

    @TempDir
    protected Path tmp;

    protected Path datadir;
    protected ServiceCli cli;

    /** The service's short name: {@code node}, {@code sequencer} or {@code prover}. */
    protected abstract String service();

    /** Options {@code init} needs besides the daemon runtime's (the sequencer's key, say). */
    protected String[] serviceOptions() {
        return new String[0];
    }

    @BeforeEach
    void freshDatadir() {
        datadir = tmp.resolve("data");
        cli = ServiceCli.fromSystemProperty(SWEEPER);
    }

    @AfterEach
    void sweepProcesses() {
        SWEEPER.sweep();
    }

    @AfterAll
    static void sweepAll() {
        SWEEPER.sweep();
    }

    /** What a successful {@code init} printed. */
    public record Started(long pid, String healthUrl, Path log) {
    }

    /** {@code init --datadir <datadir> --health.port 0 <service options> extra...} (port 0 unless {@code extra} names one). */
    protected String[] initArgs(String... extra) {
        boolean portGiven = Arrays.asList(extra).contains("--health.port");
        String[] base = portGiven ? new String[] { "init", "--datadir", datadir.toString() }
                : new String[] { "init", "--datadir", datadir.toString(), "--health.port", "0" };
        String[] service = serviceOptions();
        String[] all = new String[base.length + service.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(service, 0, all, base.length, service.length);
        System.arraycopy(extra, 0, all, base.length + service.length, extra.length);
        return all;
    }

    /** Starts the daemon and asserts that {@code init} succeeded. */
    protected Started init(String... extra) {
        ServiceCli.Result result = cli.run(initArgs(extra));
        assertThat(result.exitCode()).as("init exit code; printed: %s", result.output()).isZero();
        return parseStarted(result.out());
    }

    /** Parses the ready line of {@code init}. */
    protected Started parseStarted(String out) {
        Matcher matcher = STARTED.matcher(out);
        assertThat(matcher.find()).as("ready line in: %s", out).isTrue();
        assertThat(matcher.group(1)).isEqualTo("mojave-" + service());
        return new Started(Long.parseLong(matcher.group(2)), matcher.group(3), Path.of(matcher.group(4)));
    }

    protected Path pidFile() {
        return datadir.resolve(service() + ".pid");
    }

    protected Path logFile() {
        return datadir.resolve(service() + ".log");
    }

    protected String log() throws Exception {
        return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    }

    /** Writes a file that only its owner may read (mode 0600), as a key file must be; returns its path. */
    protected Path privateFile(String name, String content) throws java.io.IOException {
        Path file = tmp.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    protected static void await(Duration timeout, String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A condition to poll. */
    @FunctionalInterface
    protected interface Condition {
        boolean holds() throws Exception;
    }
}
