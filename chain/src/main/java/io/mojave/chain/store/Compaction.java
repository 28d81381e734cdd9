package io.mojave.chain.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVMap;
import org.jboss.logging.Logger;

/**
 * Keeps a store file near the size of its live data. Every commit of a small change writes a new
 * chunk of at least 4 KB (the changed leaf pages in full, their parents, the layout map), and
 * MVStore frees a chunk only once none of its pages is live, so without help a file of small
 * commits grows by kilobytes per commit. MVStore's background writer would compact, but the
 * services commit themselves (auto-commit off, for durability), so that is done here:
 * <ul>
 * <li>every {@value #EVERY_COMMITS} commits, the live pages of chunks under
 * {@value #TARGET_FILL_RATE}% full are rewritten (at most {@value #MAX_REWRITE_BYTES} bytes) and
 * synced, so that their chunks are freed and their space reused;</li>
 * <li>on close, the live data is copied into a fresh file (map by map, in one commit),
 * which is synced and then renamed over the store file, and the folder synced: a crash at any
 * moment leaves either the old file or the whole new one (a left-over copy is removed at the next
 * open). Only for a file up to {@value #CLOSE_COPY_MAX_BYTES} bytes: a copy took 4.25 s for 106 MB on
 * a busy 2-core machine, and {@code stop} waits 5 s by default; a bigger file stays as the running
 * compaction keeps it (about twice its live data).</li>
 * </ul>
 * Pages split at {@value #PAGE_SPLIT_BYTES} bytes (MVStore's default for files is 16 KB), so that
 * each commit rewrites smaller leaf pages.
 * Chunks are reused at once (retention time 0, set at open): no reader of old versions exists.
 */
final class Compaction {

    private static final Logger LOG = Logger.getLogger(Compaction.class);

    static final int EVERY_COMMITS = 200;
    static final int TARGET_FILL_RATE = 90;
    static final int MAX_REWRITE_BYTES = 4 * 1024 * 1024;
    static final int PAGE_SPLIT_BYTES = 4096;
    static final long CLOSE_COPY_MAX_BYTES = 32L * 1024 * 1024;

    private final Path file;
    private int commits;

    Compaction(Path file) {
        this.file = file;
    }

    /** Left by a compaction that a crash interrupted, before its rename: the store file is whole. */
    static void finishInterrupted(Path file) throws IOException {
        Files.deleteIfExists(copyOf(file));
    }

    private static Path copyOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".compacting");
    }

    /** Called after each successful commit; may rewrite sparse chunks (and sync them). */
    void afterCommit(MVStore store) {
        if (++commits < EVERY_COMMITS) {
            return;
        }
        commits = 0;
        if (store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES)) {
            store.commit();
            store.sync();
        }
    }

    /** Closes {@code store}, compacting the file first. */
    void close(MVStore store) {
        store.close();
        long started = System.nanoTime();
        Path copy = copyOf(file);
        try {
            long before = Files.size(file);
            if (before > CLOSE_COPY_MAX_BYTES) {
                LOG.debugf("Not compacting %s on close: %d bytes would take too long to copy", file, before);
                return;
            }
            Files.deleteIfExists(copy);
            copyLiveData(file, copy);
            force(copy, false);
            Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(file));
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(file.getParent(), true);
            LOG.debugf("Compacted %s from %d to %d bytes in %d ms", file, before, Files.size(file),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // The store file itself is whole and closed: only the compaction is lost.
            LOG.warnf("Could not compact %s on close (%s); it stays as it is", file, DurableStore.rootMessage(e));
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // removed at the next open
            }
        }
    }

    /** Copies every map of {@code source} into a new store {@code target}, in one commit (densely packed). */
    private static void copyLiveData(Path source, Path target) {
        MVStore from = new MVStore.Builder().fileName(source.toString()).readOnly().cacheSize(DurableStore.CACHE_MB).open();
        try {
            MVStore to = new MVStore.Builder().fileName(target.toString()).autoCommitDisabled()
                    .cacheSize(DurableStore.CACHE_MB).pageSplitSize(PAGE_SPLIT_BYTES).open();
            try {
                for (String name : from.getMapNames()) {
                    MVMap<Object, Object> in = from.openMap(name);
                    MVMap<Object, Object> out = to.openMap(name);
                    in.forEach(out::put);
                }
                to.commit();
            } finally {
                to.close();
            }
        } finally {
            from.close();
        }
    }

    private static void force(Path path, boolean directory) throws IOException {
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
