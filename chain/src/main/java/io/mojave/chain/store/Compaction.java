package io.mojave.chain.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;
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
 * <li>on close, MVStore moves the chunks to the start of the file and truncates it, within
 * {@value #CLOSE_COMPACT_MS} ms.</li>
 * </ul>
 * Chunks are reused at once (retention time 0, set at open): no reader of old versions exists.
 */
final class Compaction {

    private static final Logger LOG = Logger.getLogger(Compaction.class);

    static final int EVERY_COMMITS = 200;
    static final int TARGET_FILL_RATE = 90;
    static final int MAX_REWRITE_BYTES = 4 * 1024 * 1024;
    static final int CLOSE_COMPACT_MS = 1000;

    private final Path file;
    private int commits;

    Compaction(Path file) {
        this.file = file;
    }

    /** Left by a compaction that a crash interrupted; MVStore's tools write such files. */
    static void finishInterrupted(Path file) throws IOException {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".tempFile"));
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
        long started = System.nanoTime();
        store.close(CLOSE_COMPACT_MS);
        LOG.debugf("Closed %s, compacted in %d ms", file, (System.nanoTime() - started) / 1_000_000);
    }
}
