package io.mojave.daemon.os;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import io.mojave.daemon.os.LockHolderMain;

/**
 * The processes a test starts: real children (a {@code sleep}, a JVM holding a lock), each killed
 * and reaped by {@link #close()}, which the tests call from {@code @AfterEach}.
 */
public final class ChildProcesses implements AutoCloseable {

    /** How long a child JVM may take to start and report that it holds its lock. */
    static final Duration START_DEADLINE = Duration.ofSeconds(20);

    private final List<Process> started = new ArrayList<>();

    /** Starts {@code command}, with stdin a pipe (closed when the test JVM ends) and stderr shown in the test output. */
    Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(process);
        return process;
    }

    /**
     * Starts a separate JVM running {@link LockHolderMain} on {@code file} and waits until it holds
     * the lock. Returns the child, whose {@link Process#pid()} is the lock holder.
     */
    Process lockHolder(Path file, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", testClasses().toString(), LockHolderMain.class.getName(), file.toString()));
        command.addAll(List.of(options));
        Process child = start(command.toArray(String[]::new));
        String line = readLine(child, START_DEADLINE);
        if (!("locked " + child.pid()).equals(line)) {
            throw new IllegalStateException("the lock holder said '" + line + "' instead of 'locked " + child.pid() + "'");
        }
        return child;
    }

    /** Kills and reaps {@code process}: when this returns, it is gone from the process table. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("pid " + process.pid() + " survived SIGKILL");
        }
    }

    /** Runs {@code command} to its end and returns its standard output. */
    String output(String... command) throws IOException, InterruptedException {
        Process process = start(command);
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Kills every child first, then reaps them all; fails if one survives SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        started.forEach(Process::destroyForcibly);
        List<Long> survivors = new ArrayList<>();
        for (Process process : started) {
            if (!process.waitFor(START_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                survivors.add(process.pid());
            }
        }
        started.clear();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("pids " + survivors + " survived SIGKILL");
        }
    }

    /** Polls {@code condition} until it holds; fails with {@code what} at the deadline. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private static String readLine(Process child, Duration timeout) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("pid " + child.pid() + " did not report within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The test classes directory: {@link LockHolderMain} needs nothing else. */
    private static Path testClasses() {
        try {
            return Path.of(LockHolderMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
