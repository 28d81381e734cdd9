package io.mojave.daemon.launch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.mojave.daemon.os.Posix;
import io.mojave.daemon.os.ProcessTable;
import io.mojave.daemon.os.SafeFiles;

/**
 * The daemon child: this same program again (the native executable, or the same jar on the same
 * JVM with the allow-listed JVM options), started through {@code env --default-signal} so that
 * SIGINT, SIGTERM and SIGHUP start at their default dispositions even when our caller ignored them
 * (a script's {@code cmd &}), with stdin from {@code /dev/null} and stdout and stderr appended to
 * the log file, the daemon's umask (027, or 007 where the datadir is shared with a group: see
 * {@link SafeFiles#daemonUmask}) and its own session ({@code setsid(1)}: it is no process-group leader,
 * so it does not fork). All before the JVM starts, so that the daemon needs no native library for
 * them; should a tool be missing, the child makes those calls itself as its first act.
 *
 * <p>A shell puts the daemon in its background, prints its PID and exits: the classic second
 * fork, which leaves the daemon no child of ours. That matters to the {@code init} that returns
 * the prompt: a JVM that exits with a live child has the JDK's reaper thread blocked in
 * {@code waitpid}, native code that the JVM's exit waits 300 ms for. We follow the daemon by PID.
 */
public final class DaemonChild {

    /** The environment variable (after the app's prefix) that names the log file to the child, for SIGHUP before its command line is parsed. */
    public static final String LOG_ENV_SUFFIX = "DAEMON_LOG";

    private static final String SHELL = "/bin/sh";
    /** Sets the umask, backgrounds the command ({@code $@}) with stdout and stderr on our stderr (the log) and prints its PID. */
    private static final String DETACH = "umask %04o || exit; \"$@\" >&2 & echo $!";
    private static final String ENV_PROGRAM = "/usr/bin/env";
    private static final String SETSID_PROGRAM = "/usr/bin/setsid";
    private static final String NATIVE_IMAGE_CODE = "org.graalvm.nativeimage.imagecode";

    private final long pid;
    private final Optional<ProcessHandle> process;

    private DaemonChild(long pid, Optional<ProcessHandle> process) {
        this.pid = pid;
        this.process = process;
    }

    /**
     * Spawns the child.
     *
     * @param arguments the application arguments, secrets already removed
     * @param environment what to add to the child's environment (the handshake address, secrets)
     * @param datadir where JVM crash files and heap dumps go
     * @param log the log file (created by the caller)
     */
    public static DaemonChild spawn(List<String> arguments, Map<String, String> environment, Path datadir, Path log,
            List<String> inheritedProperties) throws IOException {
        List<String> command = new ArrayList<>(program(datadir, inheritedProperties));
        command.addAll(arguments);
        return start(command, environment, log, SafeFiles.daemonUmask(datadir));
    }

    /** Starts {@code program} as a daemon with {@code umask}, detached as described above. */
    static DaemonChild start(List<String> program, Map<String, String> environment, Path log, int umask) throws IOException {
        List<String> command = new ArrayList<>();
        boolean detached = Files.isExecutable(Path.of(SHELL));
        if (detached) {
            command.addAll(List.of(SHELL, "-c", String.format(DETACH, umask), "daemon-child"));
        }
        // Default signal dispositions, a new session: each step an exec, the PID unchanged.
        if (Files.isExecutable(Path.of(ENV_PROGRAM))) {
            command.add(ENV_PROGRAM);
            command.add("--default-signal=INT,TERM,HUP");
        }
        if (Files.isExecutable(Path.of(SETSID_PROGRAM))) {
            command.add(SETSID_PROGRAM);
        }
        command.addAll(program);

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(detached ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // The JVM options those carry are already in the allow-listed command line, or deliberately not.
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.putAll(environment);
        Process started = builder.start();
        if (!detached) {
            return new DaemonChild(started.pid(), Optional.of(started.toHandle()));
        }
        long pid = backgroundPid(started, log);
        // Empty if it has already exited and been reaped: then it is not running, and nothing is signalled.
        return new DaemonChild(pid, ProcessHandle.of(pid));
    }

    /** The PID the detaching shell printed; waits for the shell, which exits right after. */
    private static long backgroundPid(Process shell, Path log) throws IOException {
        String printed;
        try (BufferedReader out = shell.inputReader()) {
            printed = out.readLine();
        }
        try {
            shell.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (printed == null || !printed.strip().matches("[1-9][0-9]*")) {
            throw new IOException("the shell did not start the daemon (exit status "
                    + (shell.isAlive() ? "unknown" : shell.exitValue()) + "; see " + log + ")");
        }
        return Long.parseLong(printed.strip());
    }

    /** The daemon's PID. */
    public long pid() {
        return pid;
    }

    /** Whether the daemon still runs (a zombie does not). */
    public boolean isRunning() {
        return process.isPresent() && process.get().isAlive() && ProcessTable.isRunning(pid);
    }

    /** Asks the daemon to end (SIGTERM); never signals a process that reused its PID. */
    public void terminate() {
        process.ifPresent(ProcessHandle::destroy);
    }

    /** Ends the daemon (SIGKILL); never signals a process that reused its PID. */
    public void kill() {
        process.ifPresent(ProcessHandle::destroyForcibly);
    }

    /** Waits until the daemon has exited; false if it still runs after {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.isEmpty() || ProcessTable.awaitExit(process.get(), timeout);
    }

    /**
     * Terminates the daemon (SIGTERM, and SIGCONT so that a stopped one handles it), then kills it
     * if it is still there after {@code grace}.
     */
    public void end(Duration grace) throws InterruptedException {
        terminate();
        if (isRunning()) {
            Posix.get().kill(pid, Posix.SIGCONT);
        }
        if (!awaitExit(grace)) {
            kill();
            awaitExit(grace);
        }
    }

    /** This program, as a command line to start it again. */
    static List<String> program(Path datadir, List<String> inheritedProperties) {
        List<String> command = new ArrayList<>();
        if ("runtime".equals(System.getProperty(NATIVE_IMAGE_CODE))) {
            command.add(ProcessHandle.current().info().command().orElse("/proc/self/exe"));
            return command;
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.inheritable(JvmOptions.ofThisJvm(), inheritedProperties));
        command.add("-XX:ErrorFile=" + datadir.resolve("hs_err_pid%p.log"));
        command.add("-XX:HeapDumpPath=" + datadir);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.add("-jar");
            command.add(Path.of(classPath).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(System.getProperty("sun.java.command", "").split(" ")[0]);
        }
        return command;
    }
}
