package io.mojave.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads what {@code /proc} says of a process, for assertions. */
public final class Proc {

    private Proc() {
    }

    /** Whether {@code pid} is alive and not a zombie. */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code pid} has exited; false at the deadline. */
    public static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** A field of {@code /proc/<pid>/status}, such as {@code Umask} or {@code PPid}. */
    public static String status(long pid, String field) {
        return lines(pid, "status").stream().filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + field + " in /proc/" + pid + "/status"));
    }

    /** The session id of {@code pid} (field 6 of {@code /proc/<pid>/stat}). */
    public static long sessionId(long pid) {
        String stat = read(pid, "stat");
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    /** Where a symbolic link under {@code /proc/<pid>} points ({@code cwd}, {@code fd/0}). */
    public static Path link(long pid, String name) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line of {@code pid}, arguments joined by spaces. */
    public static String commandLine(long pid) {
        return read(pid, "cmdline").replace('\0', ' ');
    }

    /** Whether the signal {@code number} is ignored by {@code pid} (from {@code SigIgn}). */
    public static boolean ignores(long pid, int number) {
        long mask = Long.parseUnsignedLong(status(pid, "SigIgn"), 16);
        return (mask & (1L << (number - 1))) != 0;
    }

    /** Sends a signal by name with the {@code kill} program (the JDK cannot send SIGINT). */
    public static void kill(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -s " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A PID that is certainly not running now: a child that has exited and been reaped. */
    public static long deadPid() {
        try {
            Process process = new ProcessBuilder("true").start();
            long pid = process.pid();
            process.waitFor();
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<String> lines(long pid, String name) {
        return List.of(read(pid, name).split("\n"));
    }

    private static String read(long pid, String name) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
