package io.mojave.chain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.h2.mvstore.MVMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoreTest {

    @TempDir
    Path dir;

    @Test
    void keepsWhatWasWrittenAcrossReopening() throws Exception {
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            MVMap<Long, String> map = store.map("m");
            store.write(() -> map.put(1L, "one"));
        }
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            MVMap<Long, String> map = store.map("m");
            assertThat(map.get(1L)).isEqualTo("one");
        }
    }

    @Test
    void cachesNoMoreThanItsSmallBudgetWhenEverythingIsReadBack() throws Exception {
        String value = "x".repeat(4096);
        int entries = 2048; // 8 MB of values, half MVStore's default cache
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            MVMap<Long, String> map = store.map("m");
            for (long i = 0; i < entries; i += 64) {
                long first = i;
                store.write(() -> {
                    for (long k = first; k < first + 64; k++) {
                        map.put(k, value);
                    }
                });
            }
        }
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            MVMap<Long, String> map = store.map("m");
            for (long k = 0; k < entries; k++) {
                assertThat(map.get(k)).hasSize(4096);
            }
            assertThat(store.cacheMbUsed()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aClosedStoreIsCompactedToLittleMoreThanItsDataAndKeepsAllOfIt() throws Exception {
        String value = "v".repeat(200);
        int entries = 3000;
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            for (long k = 0; k < entries; k++) {
                long key = k;
                store.write(() -> store.<Long, String>map("m").put(key, value));
            }
        }
        long size = java.nio.file.Files.size(dir.resolve("test.mv.db"));
        assertThat(size).as("bytes for %d entries of 208 bytes", entries).isLessThan(2L * 208 * entries);
        assertThat(dir.resolve("test.mv.db.compacting")).doesNotExist();
        try (DurableStore store = DurableStore.open(dir, "test.mv.db")) {
            for (long k = 0; k < entries; k++) {
                assertThat(store.<Long, String>map("m").get(k)).isEqualTo(value);
            }
            store.write(() -> store.<Long, String>map("m").put(-1L, "still writable"));
        }
    }
}
