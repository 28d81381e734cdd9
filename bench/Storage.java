import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.mojave.chain.Block;
import io.mojave.chain.BlockSigner;
import io.mojave.chain.Hash32;
import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The storage figure of bench/storage: writes BLOCKS signed empty blocks the way the node's
 * BlockStore does (one synced commit per block: the block's JSON by number, its number by hash)
 * and JOBS prover jobs of 10 block hashes the way JobStore does (accept, then complete with a
 * proof: two synced commits per job), through the services' own DurableStore, and prints the
 * file's bytes per block and per job while running (peak and at the end) and after close, against
 * the raw bytes stored. With "baseline" it uses MVStore as the services did before (auto-commit
 * off, 1 MB cache, no retention change, no compaction, plain close).
 *
 *   java -cp '<app>/lib/main/*' bench/Storage.java DIR BLOCKS JOBS [baseline]
 */
public class Storage {

    interface Store {
        <K, V> MVMap<K, V> map(String name);

        void write(Runnable changes);

        void close();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int blocks = Integer.parseInt(args[1]);
        int jobs = Integer.parseInt(args[2]);
        boolean baseline = args.length > 3 && args[3].equals("baseline");
        System.out.println(run(dir, "blocks.mv.db", baseline, blocks, true));
        System.out.println(run(dir, "jobs.mv.db", baseline, jobs, false));
    }

    static String run(Path dir, String name, boolean baseline, int count, boolean isBlocks) throws Exception {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        Store store = baseline ? baseline(file) : current(dir, name);
        BlockSigner signer = new BlockSigner(HexFormat.of().parseHex("5a".repeat(32)));
        long raw = 0;
        long peak = 0;
        long started = System.nanoTime();
        Hash32 parent = Hash32.parse("0x" + "00".repeat(32));
        for (int i = 1; i <= count; i++) {
            if (isBlocks) {
                Block block = Block.signed(i, parent, 1_700_000_000L + i, signer);
                parent = block.hash();
                String json = block.toJson().encode();
                long number = i;
                store.write(() -> {
                    store.<Long, String>map("blocks").put(number, json);
                    store.<String, Long>map("numberByHash").put(block.hash().hex(), number);
                });
                raw += 8 + json.length() + block.hash().hex().length() + 8;
            } else {
                JsonArray hashes = new JsonArray();
                for (int h = 0; h < 10; h++) {
                    hashes.add(Block.hashOf(i * 10L + h, parent, 0, signer.address()).hex());
                }
                String id = "0x" + Long.toHexString(i * 10L - 9) + "-0x" + Long.toHexString(i * 10L);
                String job = new JsonObject().put("seq", i).put("batch", new JsonObject().put("fromBlock", "0x1")
                        .put("toBlock", "0xa").put("blockHashes", hashes)).encode();
                String proof = new JsonObject().put("commitment", hashes.getString(0)).put("signature", "0x" + "ab".repeat(65))
                        .put("fromBlock", "0x1").put("toBlock", "0xa").put("type", "stand-in").encode();
                long seq = i;
                store.write(() -> {
                    store.<String, String>map("jobs").put(id, job);
                    store.<Long, String>map("pending").put(seq, id);
                });
                store.write(() -> {
                    store.<String, String>map("proofs").put(id, proof);
                    store.<Long, String>map("pending").remove(seq);
                });
                raw += 2L * id.length() + job.length() + proof.length();
            }
            if (i % 100 == 0) {
                peak = Math.max(peak, Files.size(file));
            }
        }
        long running = Files.size(file);
        peak = Math.max(peak, running);
        double seconds = (System.nanoTime() - started) / 1e9;
        long closeStarted = System.nanoTime();
        store.close();
        double closeSeconds = (System.nanoTime() - closeStarted) / 1e9;
        long closed = Files.size(file);
        String what = isBlocks ? "block" : "job";
        return String.format("%s %s: %d %ss in %.1f s; raw %.0f B/%s; file running %.0f B/%s (peak %.0f), after close %.0f B/%s "
                + "(close with compaction %.2f s); %.1fx raw after close", baseline ? "before" : "after", name, count, what,
                seconds, raw / (double) count, what, running / (double) count, what, peak / (double) count,
                closed / (double) count, what, closeSeconds, closed / (double) raw);
    }

    static Store baseline(Path file) {
        MVStore mv = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(1).open();
        return new Store() {
            public <K, V> MVMap<K, V> map(String name) {
                return mv.openMap(name);
            }

            public void write(Runnable changes) {
                changes.run();
                mv.commit();
                mv.sync();
            }

            public void close() {
                mv.close();
            }
        };
    }

    static Store current(Path dir, String name) throws Exception {
        DurableStore durable = DurableStore.open(dir, name);
        return new Store() {
            public <K, V> MVMap<K, V> map(String n) {
                return durable.map(n);
            }

            public void write(Runnable changes) {
                durable.write(changes);
            }

            public void close() {
                durable.close();
            }
        };
    }
}
