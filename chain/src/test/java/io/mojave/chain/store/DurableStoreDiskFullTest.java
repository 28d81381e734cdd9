package io.mojave.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store on a full disk (a 1 MB tmpfs; as root, skipped with the reason elsewhere). */
class DurableStoreDiskFullTest {

    @TempDir
    Path dir;

    private boolean mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFailedWriteIsNeitherVisibleNorKeptAndTheStoreRecoversOnceThereIsRoom() throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes()).strip();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here (root needed): " + output);
        mounted = true;
        try (DurableStore store = DurableStore.open(dir.resolve("s"), "test.mv.db")) {
            store.write(() -> store.<Long, String>map("m").put(0L, "durable"));
            Path filler = fill(dir.resolve("filler"));
            long key = 1;
            boolean failed = false;
            for (; key < 10_000 && !failed; key++) {
                long k = key;
                try {
                    store.write(() -> store.<Long, String>map("m").put(k, "x".repeat(200)));
                } catch (DurableStore.Unavailable e) {
                    assertThat(e.getMessage()).contains("No space left on device").contains("test.mv.db");
                    failed = true;
                }
            }
            long lost = key - 1;
            assertThat(failed).as("a write failed on the full disk").isTrue();
            assertThat(store.problem()).hasValueSatisfying(reason -> assertThat(reason).contains("No space left"));
            assertThat(store.<Long, String>map("m").get(lost)).as("the failed write is not visible").isNull();
            assertThat(store.<Long, String>map("m").get(0L)).isEqualTo("durable");

            Files.delete(filler);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (store.problem().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.problem()).as("recovered by itself, without a write of ours").isEmpty();
            store.write(() -> store.<Long, String>map("m").put(lost, "again"));
            assertThat(store.<Long, String>map("m").get(lost)).isEqualTo("again");
        }
    }

    private static Path fill(Path filler) throws IOException {
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] chunk = new byte[4096];
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
        return filler;
    }
}
