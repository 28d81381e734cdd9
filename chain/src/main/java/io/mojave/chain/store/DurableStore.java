package io.mojave.chain.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The services' embedded store: one H2 MVStore file with auto-commit off, whose every
 * {@link #write(Runnable)} is committed and synced to disk before it returns, so what a service
 * acknowledged survives a SIGKILL or a power cut. MVStore only appends whole, checksummed chunks:
 * a crash mid-write leaves the last commit.
 */
public final class DurableStore implements AutoCloseable {

    private final MVStore store;

    private DurableStore(MVStore store) {
        this.store = store;
    }

    /**
     * MB of MVStore's page cache. Its default, 16 MB per store, fills up in a long-running daemon
     * (every block's pages pass through it) and stays on the heap: the services mostly read back
     * the newest blocks, and a page that is not cached is read from the file, which the OS caches.
     * With 1 MB a devnet node's live heap after 3,000 blocks is 11.3 MB instead of 14.2 MB.
     */
    static final int CACHE_MB = 1;

    /**
     * Opens (creating the directory and the file if needed) {@code directory/fileName}. A store file
     * that is a symbolic link or not a regular file is refused: MVStore would follow it.
     */
    public static DurableStore open(Path directory, String fileName) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing store file " + file + ": it is " + (Files.isSymbolicLink(file) ? "a symbolic link" : "not a regular file")
                    + ", which the service never follows; remove it");
        }
        return new DurableStore(new MVStore.Builder().fileName(file.toString())
                .autoCommitDisabled().cacheSize(CACHE_MB).open());
    }

    /** The map named {@code name}, created if missing. */
    public <K, V> MVMap<K, V> map(String name) {
        return store.openMap(name);
    }

    /**
     * Applies {@code changes} and makes them durable (commit and fsync). On failure (disk full, say)
     * every uncommitted change is rolled back, so nothing of it stays visible or is committed later.
     */
    public void write(Runnable changes) {
        try {
            changes.run();
            store.commit();
            store.sync();
        } catch (RuntimeException e) {
            store.rollback();
            throw e;
        }
    }

    /** MB held by the page cache now. */
    int cacheMbUsed() {
        return store.getCacheSizeUsed();
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return store.isClosed();
    }

    @Override
    public void close() {
        store.close();
    }
}
