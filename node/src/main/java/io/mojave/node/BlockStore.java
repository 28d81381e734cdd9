package io.mojave.node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.h2.mvstore.MVMap;

import io.mojave.chain.Block;
import io.mojave.chain.Hash32;
import io.mojave.chain.store.DurableStore;
import io.vertx.core.json.JsonObject;

/**
 * The node's blocks, in H2's MVStore under {@code <datadir>/chain/}: by number (the block's JSON),
 * by hash (its number), and the chain's identity (chain id, genesis hash). Each
 * {@link #append(Block)} is committed and synced to disk before it returns, so a block the node
 * acknowledged survives a SIGKILL or a power cut. MVStore only ever appends whole, checksummed
 * chunks: a crash mid-write leaves the last commit. Not thread-safe: {@link NodeChain} serializes
 * access.
 */
final class BlockStore implements AutoCloseable {

    /** The store's file name inside its directory. */
    static final String FILE_NAME = "blocks.mv.db";

    private final DurableStore store;

    private BlockStore(DurableStore store) {
        this.store = store;
    }

    private MVMap<Long, String> blocks() {
        return store.map("blocks");
    }

    private MVMap<String, Long> numberByHash() {
        return store.map("numberByHash");
    }

    private MVMap<String, String> meta() {
        return store.map("meta");
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    static BlockStore open(Path directory) throws IOException {
        return new BlockStore(DurableStore.open(directory, FILE_NAME));
    }

    /** The highest block, if any block is stored. */
    Optional<Block> head() {
        Long last = blocks().lastKey();
        return last == null ? Optional.empty() : byNumber(last);
    }

    /** The block at {@code number}, if stored. */
    Optional<Block> byNumber(long number) {
        return Optional.ofNullable(blocks().get(number)).map(json -> Block.fromJson(new JsonObject(json)));
    }

    /** The block whose hash is {@code hash}, if stored. */
    Optional<Block> byHash(Hash32 hash) {
        return Optional.ofNullable(numberByHash().get(hash.hex())).flatMap(this::byNumber);
    }

    /** A value of the chain's identity ({@code chainId}, {@code genesisHash}), if stored. */
    Optional<String> meta(String key) {
        return Optional.ofNullable(meta().get(key));
    }

    /**
     * Stores a block and, in the same commit, the given identity entries ({@code key, value, ...});
     * durable on return. On failure nothing of it is kept.
     */
    void append(Block block, String... metaEntries) {
        store.write(() -> {
            blocks().put(block.number(), block.toJson().encode());
            numberByHash().put(block.hash().hex(), block.number());
            for (int i = 0; i + 1 < metaEntries.length; i += 2) {
                meta().put(metaEntries[i], metaEntries[i + 1]);
            }
        });
    }

    /** Why the store cannot be written now, if it cannot. */
    Optional<String> problem() {
        return store.problem();
    }

    @Override
    public void close() {
        store.close();
    }
}
