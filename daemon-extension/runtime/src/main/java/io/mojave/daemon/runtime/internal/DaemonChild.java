package io.mojave.daemon.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the daemon child: this same program again (the native executable, or the same jar on the
 * same JVM with the allow-listed JVM options), through {@code env --default-signal} so that SIGINT,
 * SIGTERM and SIGHUP start at their default dispositions even when our caller ignored them (a
 * script's {@code cmd &}), with stdin from {@code /dev/null} and stdout and stderr appended to the
 * log file, umask 027 and its own session ({@code setsid(1)}: we are no process-group leader, so
 * it does not fork). All before the JVM starts, so that the daemon needs no native library for
 * them; should a tool be missing, the child makes those calls itself as its first act.
 */
public final class DaemonChild {

    private static final String SHELL = "/bin/sh";
    private static final String ENV_PROGRAM = "/usr/bin/env";
    private static final String SETSID_PROGRAM = "/usr/bin/setsid";
    private static final String NATIVE_IMAGE_CODE = "org.graalvm.nativeimage.imagecode";

    private DaemonChild() {
    }

    /**
     * Spawns the child.
     *
     * @param arguments the application arguments, secrets already removed
     * @param environment what to add to the child's environment (the handshake address, secrets)
     * @param datadir where JVM crash files and heap dumps go
     * @param log the log file (created by the caller with mode 0640)
     */
    public static Process spawn(List<String> arguments, Map<String, String> environment, Path datadir, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        // umask 027, default signal dispositions, a new session; each step an exec, the PID unchanged.
        if (Files.isExecutable(Path.of(SHELL))) {
            command.addAll(List.of(SHELL, "-c", "umask 027 && exec \"$@\"", "mojave-daemon"));
        }
        if (Files.isExecutable(Path.of(ENV_PROGRAM))) {
            command.add(ENV_PROGRAM);
            command.add("--default-signal=INT,TERM,HUP");
        }
        if (Files.isExecutable(Path.of(SETSID_PROGRAM))) {
            command.add(SETSID_PROGRAM);
        }
        command.addAll(program(datadir));
        command.addAll(arguments);

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // The JVM options those carry are already in the allow-listed command line, or deliberately not.
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.putAll(environment);
        return builder.start();
    }

    /** This program, as a command line to start it again. */
    static List<String> program(Path datadir) {
        List<String> command = new ArrayList<>();
        if ("runtime".equals(System.getProperty(NATIVE_IMAGE_CODE))) {
            command.add(ProcessHandle.current().info().command().orElse("/proc/self/exe"));
            return command;
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.inheritable(JvmOptions.ofThisJvm()));
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
