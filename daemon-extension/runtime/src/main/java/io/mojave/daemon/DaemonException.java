package io.mojave.daemon;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * The errors of the daemon runtime: the seed's kinds ({@link AlreadyRunning}, {@link IoWithPath},
 * {@link ParsePid}, {@link NoSuchProcess}) and the few this implementation adds. Each carries the
 * data a user needs and a one-line message that says what to do; the CLI prints the message only.
 */
public abstract sealed class DaemonException extends RuntimeException {

    private DaemonException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** What a file said, on one line and short: it may be anything, written by anyone. */
    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }

    /** No PID file in the datadir: no daemon runs there. */
    public static final class NotRunning extends DaemonException {
        public NotRunning(String service, Path pidFile) {
            super(service + " is not running (no PID file " + pidFile + ")", null);
        }
    }

    /** A live daemon holds the PID file: refuse to start a second one on the same datadir. */
    public static final class AlreadyRunning extends DaemonException {
        private final long pid;
        private final Path pidFile;

        /** @param pid the daemon's PID, or -1 if its lock's holder cannot be named (another user's process) */
        public AlreadyRunning(String service, long pid, Path pidFile) {
            super(service + " is already running (" + (pid > 0 ? "pid " + pid : "a process this user may not inspect holds the lock")
                    + ", pid file " + pidFile + "); stop it first with '" + service + " stop'"
                    + (pid > 0 ? "" : " as that process's user or root"), null);
            this.pid = pid;
            this.pidFile = pidFile;
        }

        public long pid() {
            return pid;
        }

        public Path pidFile() {
            return pidFile;
        }
    }

    /** An I/O operation on a PID file, log file or datadir failed. */
    public static final class IoWithPath extends DaemonException {
        private final Path path;

        public IoWithPath(String action, Path path, IOException cause) {
            super("cannot " + action + " " + path + ": " + describe(cause), cause);
            this.path = path;
        }

        public Path path() {
            return path;
        }

        private static String describe(IOException e) {
            if (e instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "a file is in the way";
            }
            if (e instanceof NotDirectoryException) {
                return "not a directory";
            }
            String message = e.getMessage();
            return message == null ? e.getClass().getSimpleName() : message;
        }
    }

    /** The PID file does not hold a positive decimal PID. */
    public static final class ParsePid extends DaemonException {
        private final Path pidFile;
        private final String text;

        public ParsePid(Path pidFile, String text) {
            super("PID file " + pidFile + " does not hold a valid PID: '" + abbreviate(text)
                    + "'; check the file, and remove it if no daemon uses this datadir", null);
            this.pidFile = pidFile;
            this.text = text;
        }

        public Path pidFile() {
            return pidFile;
        }

        public String text() {
            return text;
        }
    }

    /** The PID file names a process that is no longer running (the stale file has been removed). */
    public static final class NoSuchProcess extends DaemonException {
        private final long pid;

        public NoSuchProcess(String service, long pid, Path pidFile) {
            super(service + " is not running: no process with pid " + pid
                    + " holds " + pidFile + " (the stale PID file has been removed)", null);
            this.pid = pid;
        }

        public long pid() {
            return pid;
        }
    }

    /**
     * The PID file names one process but its lock is held by another: nothing is signalled, since a
     * number in a file is no proof of whose process it is.
     */
    public static final class NotOwner extends DaemonException {
        public NotOwner(Path pidFile, String writtenPid, long lockHolder) {
            super("PID file " + pidFile + " names pid " + (writtenPid.isEmpty() ? "(none)" : "'" + abbreviate(writtenPid) + "'") + " but is locked by pid " + lockHolder
                    + "; not signalling either; check which process uses this datadir", null);
        }
    }

    /**
     * A file or folder the daemon would write is not safe to write: a link, another kind of file,
     * someone else's, or writable by others. Nothing has been written.
     */
    public static final class UnsafePath extends DaemonException {
        private final Path path;

        public UnsafePath(String what, Path path, String problem, String remedy) {
            super("refusing " + what + " " + path + ": " + problem + "; " + remedy, null);
            this.path = path;
        }

        public Path path() {
            return path;
        }
    }

    /**
     * A process holds the PID file's lock, but this process cannot prove which one it is (it may
     * not look at another user's descriptors): nothing is signalled.
     */
    public static final class Unverifiable extends DaemonException {
        public Unverifiable(Path pidFile, String reason) {
            super("cannot tell who holds PID file " + pidFile + ": " + reason + "; signalled nobody", null);
        }
    }

    /** The daemon child could not start its service; the parent reports why. */
    public static final class StartupFailed extends DaemonException {
        public StartupFailed(String message) {
            super(message, null);
        }

        public StartupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The daemon could not be stopped (it survived SIGKILL, or its PID file stayed locked). */
    public static final class StopFailed extends DaemonException {
        public StopFailed(String message) {
            super(message, null);
        }
    }
}
