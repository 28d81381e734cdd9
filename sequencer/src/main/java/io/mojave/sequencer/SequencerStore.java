package io.mojave.sequencer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.h2.mvstore.MVMap;

import io.mojave.chain.Block;
import io.mojave.chain.Genesis;
import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.JsonObject;

/**
 * The sequencer's state, in H2's MVStore under {@code <datadir>/sequencer/}: every block it made
 * (by number, as JSON; block 0 is the genesis), how far they are delivered to the node, and which
 * proof batches the prover accepted. Each write is committed and synced before it returns, so a
 * block is on disk before anyone sees it, and a SIGKILL loses nothing written. Methods are
 * serialized; the threads that call it are never interrupted (an interrupt would close MVStore's
 * file channel).
 */
final class SequencerStore implements AutoCloseable {

    static final String FILE_NAME = "sequencer.mv.db";

    private static final String DELIVERED = "delivered";
    private static final String PROVED = "provedTo";

    private final DurableStore store;

    private SequencerStore(DurableStore store) {
        this.store = store;
    }

    private MVMap<Long, String> blocks() {
        return store.map("blocks");
    }

    private MVMap<String, String> meta() {
        return store.map("meta");
    }

    private MVMap<Long, String> batches() {
        return store.map("batches");
    }

    /**
     * Opens (creating if needed) the store in {@code directory} for the chain of {@code genesis}.
     *
     * @throws IllegalStateException if the store belongs to another genesis
     */
    static SequencerStore open(Path directory, Genesis genesis) throws IOException {
        DurableStore mv = DurableStore.open(directory, FILE_NAME);
        SequencerStore store = new SequencerStore(mv);
        try {
            store.initialize(genesis);
        } catch (RuntimeException e) {
            mv.close();
            throw e;
        }
        return store;
    }

    private void initialize(Genesis genesis) {
        Block block0 = genesis.block();
        String chainId = Long.toString(genesis.chainId());
        if (blocks().isEmpty()) {
            store.write(() -> {
                blocks().put(0L, block0.toJson().encode());
                meta().put("chainId", chainId);
                meta().put("genesisHash", block0.hash().hex());
                meta().put(DELIVERED, "0");
                meta().put(PROVED, "0");
            });
            return;
        }
        String storedGenesis = meta().getOrDefault("genesisHash", "?");
        String storedChainId = meta().getOrDefault("chainId", "?");
        Optional<String> mismatch = genesis.mismatch(storedChainId, storedGenesis);
        if (mismatch.isPresent()) {
            throw new IllegalStateException("the sequencer's store in the datadir has " + mismatch.get()
                    + ": use the same --network, or another --datadir");
        }
    }

    /** The highest block made (block 0, the genesis, in a new store). */
    synchronized Block head() {
        return block(blocks().lastKey()).orElseThrow();
    }

    /** Block {@code number}, if made. */
    synchronized Optional<Block> block(long number) {
        return Optional.ofNullable(blocks().get(number)).map(json -> Block.fromJson(new JsonObject(json)));
    }

    /**
     * Appends the next block; durable on return. Storing again the very block that is the head
     * changes nothing: a write that failed may yet have reached the file before the store reopened.
     *
     * @throws DurableStore.Unavailable if it cannot be made durable now (nothing of it is visible then)
     */
    synchronized void append(Block block) {
        Long last = blocks().lastKey();
        if (last != null && block.number() == last) {
            Block stored = block(last).orElseThrow();
            if (stored.hash().equals(block.hash())) {
                return;
            }
        }
        if (last == null || block.number() != last + 1) {
            throw new IllegalStateException("block " + block.number() + " does not follow the stored head " + last);
        }
        store.write(() -> blocks().put(block.number(), block.toJson().encode()));
    }

    /** Why the store cannot be written now, if it cannot. */
    Optional<String> problem() {
        return store.problem();
    }

    /** The highest block the node acknowledged (all below it too). */
    synchronized long delivered() {
        return Long.parseLong(meta().get(DELIVERED));
    }

    /** Records that the node has every block up to {@code number}. */
    synchronized void setDelivered(long number) {
        store.write(() -> meta().put(DELIVERED, Long.toString(number)));
    }

    /** The last block of the last batch the prover accepted (0 if none). */
    synchronized long provedTo() {
        return Long.parseLong(meta().get(PROVED));
    }

    /** Records that the prover accepted blocks {@code from..to} (answering {@code answer}). */
    synchronized void batchAccepted(long from, long to, String answer) {
        store.write(() -> {
            batches().put(from, new JsonObject().put("fromBlock", from).put("toBlock", to).put("answer", answer).encode());
            meta().put(PROVED, Long.toString(to));
        });
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
