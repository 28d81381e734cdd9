package io.mojave.chain.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * The services' embedded store: one H2 MVStore file with auto-commit off, whose every
 * {@link #write(Runnable)} is committed and synced to disk before it returns, so what a service
 * acknowledged survives a SIGKILL or a power cut. MVStore only appends whole, checksummed chunks:
 * a crash mid-write leaves the last commit.
 * <p>
 * A failed write (a full disk, say) closes MVStore at once, dropping everything it held in memory
 * and had not synced, and opens the file again: what callers read afterwards is what is on disk,
 * never a change that failed. While writes fail, {@link #problem()} says why (logged once), and a
 * background thread probes with a tiny write every {@value #RECOVERY_PROBE_MS} ms until one
 * succeeds: the store recovers by itself once the disk has room, without a restart.
 * <p>
 * Callers must not keep {@link MVMap}s: they belong to one opening of the file; ask
 * {@link #map(String)} each time (cheap: MVStore keeps its open maps by name). Callers serialize
 * their reads and writes (so a read never sees a change before it is synced); this class also
 * serializes its own, for the recovery thread.
 */
public final class DurableStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DurableStore.class);

    /**
     * MB of MVStore's page cache. Its default, 16 MB per store, fills up in a long-running daemon
     * (every block's pages pass through it) and stays on the heap: the services mostly read back
     * the newest blocks, and a page that is not cached is read from the file, which the OS caches.
     * With 1 MB a devnet node's live heap after 3,000 blocks is 11.3 MB instead of 14.2 MB.
     */
    static final int CACHE_MB = 1;

    /** How often the recovery thread tries a write while writes fail. */
    static final long RECOVERY_PROBE_MS = 500;

    /** The map the recovery probe writes to (one key). */
    private static final String PROBE_MAP = "durable.probe";

    private final Path file;
    private final Compaction compaction;
    /** The current opening of the file; null while it cannot be opened. */
    private MVStore store;
    /** Why the last write (or reopening) failed; null once a write succeeded again. */
    private volatile String problem;
    private Thread recovery;
    private boolean closed;

    private DurableStore(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.compaction = new Compaction(file);
    }

    /**
     * Opens (creating the directory and the file if needed) {@code directory/fileName}. A store file
     * that is a symbolic link or not a regular file is refused: MVStore would follow it. So is one
     * this process may not write (MVStore would open it read-only without a word).
     */
    public static DurableStore open(Path directory, String fileName) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing store file " + file + ": it is " + (Files.isSymbolicLink(file) ? "a symbolic link" : "not a regular file")
                    + ", which the service never follows; remove it");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isWritable(file)) {
            throw new IOException("refusing store file " + file + ": this user may not write it (" + describe(file)
                    + "); make it writable for the service's user or group");
        }
        Compaction.finishInterrupted(file);
        MVStore mv = openFile(file);
        return new DurableStore(file, mv);
    }

    private static MVStore openFile(Path file) throws IOException {
        MVStore mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(CACHE_MB)
                .pageSplitSize(Compaction.PAGE_SPLIT_BYTES).open();
        if (mv.isReadOnly()) {
            mv.closeImmediately();
            throw new IOException("refusing store file " + file + ": it opened read-only (" + describe(file)
                    + "); make it writable for the service's user or group");
        }
        // Chunks no longer used are reused at once, not kept 45 s for readers of old versions (there are none).
        mv.setRetentionTime(0);
        return mv;
    }

    private static String describe(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            var attributes = view.readAttributes();
            return "mode " + PosixFilePermissions.toString(attributes.permissions()) + ", owner " + attributes.owner().getName()
                    + ", group " + attributes.group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "its mode cannot be read";
        }
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /**
     * The map named {@code name}, created if missing, of the current opening of the file.
     *
     * @throws Unavailable if the file cannot be opened now (it is retried)
     */
    public synchronized <K, V> MVMap<K, V> map(String name) {
        return current().openMap(name);
    }

    /**
     * Applies {@code changes} and makes them durable (commit and fsync). If {@code changes} itself
     * throws, what it changed is rolled back. If the commit or the sync fails, the store is closed
     * and opened again from the file, so nothing of the failed change stays visible or is committed
     * later, and {@link Unavailable} is thrown; the store recovers by itself once writes succeed.
     *
     * @throws Unavailable if the change could not be made durable
     */
    public synchronized void write(Runnable changes) {
        MVStore mv = current();
        try {
            changes.run();
        } catch (RuntimeException e) {
            try {
                mv.rollback();
            } catch (RuntimeException rollback) {
                throw failed(rollback);
            }
            throw e;
        }
        try {
            mv.commit();
            mv.sync();
        } catch (RuntimeException e) {
            throw failed(e);
        }
        recovered();
        try {
            compaction.afterCommit(mv);
        } catch (RuntimeException e) {
            // The change itself is durable: report the failure through problem(), not to the caller.
            failed(e);
        }
    }

    /** Why writes fail now ("no space left on device", say); empty while they succeed. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The current opening, reopened if a failure closed it. */
    private MVStore current() {
        if (closed) {
            throw new Unavailable("the store " + file + " is closed (the service is stopping)");
        }
        if (store == null || store.isClosed()) {
            store = null;
            try {
                store = openFile(file);
            } catch (IOException | RuntimeException e) {
                noteProblem(e);
                throw new Unavailable("the store " + file + " cannot be opened: " + problem);
            }
        }
        return store;
    }

    /** Closes the failed opening (dropping what it held unsynced), reopens it if it can, and remembers why. */
    private Unavailable failed(RuntimeException e) {
        noteProblem(e);
        MVStore failed = store;
        store = null;
        if (failed != null) {
            try {
                failed.closeImmediately();
            } catch (RuntimeException ignored) {
                // already closed by MVStore's own panic
            }
        }
        try {
            current();
        } catch (Unavailable stillFailing) {
            // the recovery thread keeps trying
        }
        startRecovery();
        return new Unavailable("cannot write " + file + ": " + problem);
    }

    private void noteProblem(Throwable e) {
        String reason = rootMessage(e);
        if (problem == null) {
            LOG.errorf("Cannot write the store %s (%s); nothing unsynced is kept, and writes are retried every %d ms until they succeed",
                    file, reason, RECOVERY_PROBE_MS);
        }
        problem = reason;
    }

    private void recovered() {
        if (problem != null) {
            LOG.infof("The store %s is writable again", file);
            problem = null;
        }
    }

    /** The innermost cause's message: MVStore wraps the I/O error that says what is wrong ("No space left on device"). */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private void startRecovery() {
        if (recovery != null && recovery.isAlive()) {
            return;
        }
        recovery = new Thread(this::recoverLoop, "store-recovery-" + file.getFileName());
        recovery.setDaemon(true);
        recovery.start();
    }

    private void recoverLoop() {
        synchronized (this) {
            while (!closed && problem != null) {
                try {
                    wait(RECOVERY_PROBE_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (closed || problem == null) {
                    return;
                }
                try {
                    write(() -> current().<String, Long>openMap(PROBE_MAP).put("at", System.currentTimeMillis()));
                } catch (Unavailable e) {
                    // still failing: logged once already
                }
            }
        }
    }

    /** MB held by the page cache now. */
    synchronized int cacheMbUsed() {
        return current().getCacheSizeUsed();
    }

    /** Whether {@link #close()} has run. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Closes the store; a healthy one is compacted first (see {@link Compaction}), so a stopped
     * service leaves a small file.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        MVStore mv = store;
        store = null;
        if (mv == null || mv.isClosed()) {
            return;
        }
        if (problem != null) {
            mv.closeImmediately();
            return;
        }
        compaction.close(mv);
    }

    /** A store that cannot be read or written now, with a one-line reason naming the file. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
