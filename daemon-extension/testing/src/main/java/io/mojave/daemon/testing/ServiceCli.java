package io.mojave.daemon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a built service the way a user does: through its {@code bin/} launcher, as a real process,
 * with every process it starts tagged with this run's {@link DaemonSweeper} token.
 */
public final class ServiceCli {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final Path launcher;
    private final List<String> program;
    private final DaemonSweeper sweeper;
    private final Map<String, String> environment = new HashMap<>();
    private Path workingDirectory;

    /** @param launcher the {@code bin/mojave-<service>} script */
    public ServiceCli(Path launcher, DaemonSweeper sweeper) {
        this(launcher, List.of(launcher.toString()), sweeper);
    }

    private ServiceCli(Path launcher, List<String> program, DaemonSweeper sweeper) {
        this.launcher = launcher;
        this.program = List.copyOf(program);
        this.sweeper = sweeper;
        this.workingDirectory = Path.of("").toAbsolutePath();
    }

    /** The launcher named by the system property {@code mojave.launcher} (set by failsafe). */
    public static ServiceCli fromSystemProperty(DaemonSweeper sweeper) {
        String launcher = System.getProperty("mojave.launcher");
        if (launcher == null) {
            throw new IllegalStateException("system property mojave.launcher is not set (run the tests with failsafe)");
        }
        return new ServiceCli(Path.of(launcher), sweeper);
    }

    /** Runs a built Quarkus app's {@code quarkus-run.jar} on this JVM, with {@code jvmOptions}, as its users would. */
    public static ServiceCli ofJar(Path jar, List<String> jvmOptions, DaemonSweeper sweeper) {
        List<String> program = new ArrayList<>();
        program.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        program.addAll(jvmOptions);
        program.add("-jar");
        program.add(jar.toString());
        return new ServiceCli(jar, program, sweeper);
    }

    /**
     * The same commands, run as {@code uid}:{@code gid} with no other groups through setpriv(1)
     * (root only), in {@code directory} (which that user must be able to enter).
     */
    public ServiceCli asUser(long uid, long gid, Path directory) {
        List<String> wrapped = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
        wrapped.addAll(program);
        ServiceCli other = new ServiceCli(launcher, wrapped, sweeper);
        other.environment.putAll(environment);
        other.workingDirectory = directory;
        return other;
    }

    /** Adds an environment variable to the commands run from now on. */
    public ServiceCli withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs the commands from now on in {@code directory}. */
    public ServiceCli inDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** The outcome of one command. */
    public record Result(int exitCode, String out, String err) {
        /** Everything the command printed. */
        public String output() {
            return out + err;
        }
    }

    /** Runs {@code mojave-<service> args...} to completion and collects what it printed. */
    public Result run(String... args) {
        Process process = start(args);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("'" + String.join(" ", args) + "' did not finish within " + COMMAND_TIMEOUT);
            }
            // EOF on both streams: a daemon that kept our stdout or stderr would block this.
            return new Result(process.exitValue(), out.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            throw new AssertionError("running '" + String.join(" ", args) + "'", e);
        }
    }

    /** Starts {@code mojave-<service> args...} without waiting (for foreground runs). */
    public Process start(String... args) {
        return start(List.of(args));
    }

    /** Starts {@code <program> args...} without waiting. */
    public Process start(List<String> args) {
        return startRaw(commandLine(args));
    }

    /** The command line that runs {@code args}: the launcher (or java and the jar), then them. */
    public List<String> commandLine(List<String> args) {
        List<String> command = new ArrayList<>(program);
        command.addAll(args);
        return command;
    }

    /** Starts any command with this CLI's environment, tagged for sweeping. */
    public Process startRaw(List<String> command) {
        return start(builder(command));
    }

    /**
     * Starts {@code mojave-<service> args...} without waiting, its stdout and stderr appended to
     * {@code output}: a long foreground run that nobody reads then never blocks on a full pipe.
     */
    public Process start(Path output, List<String> args) {
        ProcessBuilder builder = builder(commandLine(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        return start(builder);
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        builder.environment().put(DaemonSweeper.ENV, sweeper.token());
        return builder;
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher script (or the jar). */
    public Path launcher() {
        return launcher;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
