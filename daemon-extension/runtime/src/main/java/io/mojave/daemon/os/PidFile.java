package io.mojave.daemon.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

import org.jboss.logging.Logger;

import io.mojave.daemon.DaemonException;

/**
 * A PID file held by its daemon: an exclusive POSIX record lock on {@code <service>.pid}, taken
 * before the PID is written and kept for the daemon's whole life. The lock, not the number, says
 * whether the daemon lives: a SIGKILLed daemon leaves a file nobody holds, which is stale.
 *
 * <p>Record locks belong to the process and are dropped when it closes any descriptor of the file:
 * this class keeps the one channel open and nothing else in the process may open the file.
 */
public final class PidFile implements AutoCloseable {

    private static final int LOCK_ATTEMPTS = 40;
    private static final long LOCK_RETRY_MILLIS = 10;

    private static final String WHAT = "PID file";

    private final Path path;
    private final long pid;
    private FileChannel channel;
    private FileLock lock;
    /** The identity (device and inode) of the file we locked. */
    private Object fileKey;
    private boolean released;

    private PidFile(Path path, FileChannel channel, FileLock lock, Object fileKey, long pid) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = fileKey;
        this.pid = pid;
    }

    /** Writes our PID into the locked file (the runtime's file mode, fsynced) and returns what it said before. */
    private static String write(Path path, FileChannel channel, long self) throws IOException {
        String previous = read(channel);
        // A stale file taken over keeps whatever mode it had: give it ours through our own descriptor
        // (/proc/self/fd/N), never through whatever the path names by then; a no-follow chmod would
        // open and close another descriptor, and closing any descriptor drops the lock.
        Path descriptor = ownDescriptor(path);
        if (descriptor != null) {
            SafeFiles.applyFileMode(descriptor);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(true);
        return previous;
    }

    /**
     * Puts our PID file back if someone removed or replaced the one we lock (an operator's
     * {@code rm}, a cleanup script), so that {@code status} and {@code stop} still find us: a new
     * file at the path, locked and written as at start. Nothing happens while the file is ours.
     *
     * @return what was wrong and what was done, or null if the file is ours as before
     * @throws DaemonException if the path cannot be made ours again now (try later)
     */
    public synchronized String restoreIfLost() {
        if (released) {
            return null;
        }
        try {
            Object current = currentKey(path);
            if (current != null && current.equals(fileKey)) {
                return null;
            }
            String lost = current == null ? "was removed" : "was replaced by another file";
            SafeFiles.file(path, WHAT);
            FileChannel fresh = open(path);
            FileLock freshLock;
            Object key;
            try {
                freshLock = tryLock(fresh);
                if (freshLock == null) {
                    throw new IOException("another process holds the new file's lock");
                }
                key = isStillAt(path);
                if (key == null) {
                    throw new IOException("it was replaced again meanwhile");
                }
                write(path, fresh, pid);
            } catch (IOException | RuntimeException e) {
                // never keep a half-taken file: a later attempt would find our own lock in the way
                closeQuietly(fresh);
                throw e;
            }
            FileChannel old = channel;
            channel = fresh;
            lock = freshLock;
            fileKey = key;
            closeQuietly(old); // drops our lock on the old inode only
            return "PID file " + path + " " + lost + " while we run; wrote and locked a new one (pid " + pid + ")";
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("restore PID file", path, e);
        }
    }

    private static Object currentKey(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes.fileKey() : "not a regular file";
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Takes the lifetime lock on {@code path} for this process and writes its PID. A file nobody
     * holds (stale, unparsable, or naming a dead or reused PID) is taken over with a log line.
     *
     * @throws DaemonException.AlreadyRunning if a live daemon holds the file
     */
    public static PidFile acquire(String service, Path pidFile) {
        Path path = pidFile.toAbsolutePath();
        long self = ProcessHandle.current().pid();
        for (int attempt = 1;; attempt++) {
            SafeFiles.file(path, WHAT);
            FileChannel channel = open(path);
            try {
                FileLock lock = tryLock(channel);
                if (lock == null) {
                    channel.close();
                    // A preflight or stop holds the lock for an instant to remove a stale file; a daemon holds it for good.
                    if (attempt < LOCK_ATTEMPTS) {
                        pause();
                        continue;
                    }
                    throw new DaemonException.AlreadyRunning(service, runningPid(path), path);
                }
                Object key = isStillAt(path);
                if (key == null) {
                    // Someone removed the file between our open() and the lock: lock the new one instead.
                    channel.close();
                    if (attempt < LOCK_ATTEMPTS) {
                        pause();
                        continue;
                    }
                    throw new DaemonException.IoWithPath("lock PID file", path,
                            new IOException("the file keeps being replaced while we lock it"));
                }
                String previous;
                try {
                    previous = write(path, channel, self);
                } catch (IOException e) {
                    Files.deleteIfExists(path); // ours, locked: a full disk leaves no empty PID file behind
                    throw e;
                }
                if (!previous.isBlank()) {
                    Log.LOG.infof("Took over stale PID file %s (it said '%s'; no process held it)", path, previous.strip());
                }
                return new PidFile(path, channel, lock, key, self);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new DaemonException.IoWithPath("lock PID file", path, e);
            }
        }
    }

    /** The PID this file was written with (ours). */
    public long pid() {
        return pid;
    }

    /** The path of the PID file. */
    public Path path() {
        return path;
    }

    /**
     * Removes the file if it is still ours (same inode, our PID), then drops the lock. Best effort:
     * a failure is logged as a warning, never thrown, since this runs on the way out.
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (isStillAt(path) != null && read(channel).strip().equals(Long.toString(pid))) {
                Files.delete(path);
            }
        } catch (IOException e) {
            Log.LOG.warnf("Could not remove PID file %s: %s", path, e.getMessage());
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                Log.LOG.debugf("Releasing the lock on %s: %s", path, e);
            }
            closeQuietly(channel);
        }
    }

    /** The state of a PID file as seen from another process, without locking it. */
    public sealed interface State {
        /** No PID file. */
        record Absent() implements State {
        }

        /** The file could not be read. */
        record Unreadable(IOException cause) implements State {
        }

        /** A file that no process holds: its daemon is gone. */
        record Stale(String text) implements State {
        }

        /** A file held by a live daemon (its text may still be empty while it starts). */
        record Held(long holder, String text) implements State {
        }

        /** A link or another kind of file than a regular one: never read, never followed. */
        record Unsafe(DaemonException.UnsafePath problem) implements State {
        }

        /** Locked, perhaps, by a process we may not inspect: whose it is cannot be told. */
        record Unproven(long candidate, String reason) implements State {
        }
    }

    /** Looks at a PID file from outside: who holds it, what it says. Takes no lock. */
    public static State inspect(Path path) {
        try {
            if (!isRegularFile(path)) {
                return new State.Absent();
            }
            // Lenient decoding: a file with stray bytes is unparsable (stale), not unreadable.
            String text;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                text = new String(Channels.newInputStream(channel).readNBytes(4096), StandardCharsets.US_ASCII);
            }
            ProcLocks.Holder holder = ProcLocks.holder(path);
            if (holder instanceof ProcLocks.Holder.Proven proven && ProcessTable.isRunning(proven.pid())) {
                return new State.Held(proven.pid(), text);
            }
            if (holder instanceof ProcLocks.Holder.Unprovable unprovable) {
                return new State.Unproven(unprovable.pid(), unprovable.reason());
            }
            return new State.Stale(text);
        } catch (DaemonException.UnsafePath e) {
            return new State.Unsafe(e);
        } catch (NoSuchFileException e) {
            return new State.Absent();
        } catch (IOException e) {
            return new State.Unreadable(e);
        }
    }

    /** Whether {@code path} is a regular file; false if absent; {@link DaemonException.UnsafePath} if anything else. */
    private static boolean isRegularFile(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            SafeFiles.file(path, WHAT); // throws, naming what it is
            throw new DaemonException.UnsafePath(WHAT, path, "it is not a regular file", "remove it");
        }
        return true;
    }

    /**
     * Removes a PID file that no process holds, under its lock so that a starting daemon's file is
     * never removed. Returns false if a process holds it.
     */
    public static boolean removeIfStale(Path path) throws IOException {
        FileChannel channel;
        try {
            if (!isRegularFile(path)) {
                return true;
            }
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return true;
        }
        try (channel) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return false;
            }
            if (isStillAt(path) != null) {
                Files.delete(path);
            }
            return true;
        }
    }

    /**
     * {@link #removeIfStale} for a daemon that has just exited: a process whose main thread is
     * already a zombie may still hold its files for a moment while its other threads exit, so the
     * lock is retried until {@code patience} has passed. Returns false if it is still held then.
     */
    public static boolean removeOnceReleased(Path path, java.time.Duration patience) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!removeIfStale(path)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** {@link FileChannel#tryLock()}, where a lock this very JVM holds also counts as taken. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    private static long runningPid(Path path) {
        try {
            return ProcLocks.holder(path) instanceof ProcLocks.Holder.Proven proven ? proven.pid() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static FileChannel open(Path path) {
        try {
            // Never through a link: O_NOFOLLOW; a FIFO opened for reading and writing does not block.
            return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    // less the umask: 0640, or 0660 where the datadir is shared with a group
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw----")));
        } catch (IOException e) {
            throw new DaemonException.IoWithPath("open PID file", path, e);
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    /** Our descriptor of the file at {@code path} in {@code /proc/self/fd}, or null if we have none. */
    private static Path ownDescriptor(Path path) throws IOException {
        Object key = isStillAt(path);
        if (key == null) {
            return null;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Objects.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey(), key)) {
                        return fd;
                    }
                } catch (IOException closedMeanwhile) {
                    // not ours any more
                }
            }
        }
        return null;
    }

    /**
     * The identity of the file at {@code path} if one of our open descriptors refers to it, else
     * null: the lock guards an inode, and a file removed and created again is another inode. The
     * descriptor is found in {@code /proc/self/fd} (a removed file shows there as "path (deleted)").
     */
    private static Object isStillAt(Path path) throws IOException {
        Object current;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return null;
            }
            current = attributes.fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
        String real;
        try {
            // /proc/self/fd shows the real path: the datadir itself may be reached through a link
            real = path.getParent().toRealPath().resolve(path.getFileName()).toString();
        } catch (NoSuchFileException e) {
            return null;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(real)
                            && Objects.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey(), current)) {
                        return current;
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor of another thread went away while we looked
                }
            }
        }
        return null;
    }

    private static void pause() {
        try {
            Thread.sleep(LOCK_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException.StartupFailed("interrupted while waiting for the PID file lock");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do on the way out
        }
    }

    /**
     * The logger, created on first use: {@code status}, {@code stop} and the parent of {@code init}
     * read PID files before Quarkus runs and never log, and creating a logger there would start
     * the log manager, a tenth of a second of their run.
     */
    private static final class Log {
        static final Logger LOG = Logger.getLogger(PidFile.class);
    }
}
