package io.mojave.node;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.mojave.chain.Address;
import io.mojave.chain.Block;
import io.mojave.chain.Genesis;
import io.mojave.chain.Hash32;
import io.mojave.daemon.DaemonException;

/**
 * The node's chain: the stored blocks, their head, and the one way to add a block,
 * {@link #submit(Block)}. Submissions are serialized, so two racing calls cannot both extend the
 * same head.
 */
final class NodeChain implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(NodeChain.class);

    private final BlockStore store;
    private final BlockValidator validator;
    private Block head;

    private NodeChain(BlockStore store, BlockValidator validator, Block head) {
        this.store = store;
        this.validator = validator;
        this.head = head;
    }

    /**
     * The chain in {@code store}: a new store gets {@code genesis}'s block 0; a store that started
     * from another genesis or chain id is refused.
     */
    static NodeChain open(BlockStore store, Genesis genesis, Address sequencer) {
        Block genesisBlock = genesis.block();
        String chainId = Long.toString(genesis.chainId());
        Optional<Block> stored = store.head();
        if (stored.isEmpty()) {
            store.append(genesisBlock, "chainId", chainId, "genesisHash", genesisBlock.hash().hex());
            LOG.infof("New chain: chain id %s, genesis %s", chainId, genesisBlock.hash());
            return new NodeChain(store, new BlockValidator(sequencer), genesisBlock);
        }
        String storedGenesis = store.meta("genesisHash").orElse("?");
        String storedChainId = store.meta("chainId").orElse("?");
        Optional<String> mismatch = genesis.mismatch(storedChainId, storedGenesis);
        if (mismatch.isPresent()) {
            throw new DaemonException.StartupFailed("the chain stored in the datadir has " + mismatch.get()
                    + ": use the same --network, or another --datadir");
        }
        LOG.infof("Chain id %s, head block %d (%s)", chainId, stored.get().number(), stored.get().hash());
        return new NodeChain(store, new BlockValidator(sequencer), stored.get());
    }

    /** The highest block. */
    synchronized Block head() {
        return head;
    }

    /** The block at {@code number}, if the chain has one. */
    synchronized Optional<Block> byNumber(long number) {
        return store.byNumber(number);
    }

    /** The block whose hash is {@code hash}, if the chain has one. */
    synchronized Optional<Block> byHash(Hash32 hash) {
        return store.byHash(hash);
    }

    /**
     * Adds {@code block} if it is valid and extends the head, durably before returning; a valid
     * block the chain has already is accepted again and changes nothing.
     *
     * @return true if it was added now, false if it was there already
     * @throws BlockRejected saying why, with nothing stored
     * @throws io.mojave.chain.store.DurableStore.Unavailable if the store cannot be written now, with nothing stored
     */
    synchronized boolean submit(Block block) throws BlockRejected {
        validator.checkContents(block);
        // After a failed write the store was reopened from the file: what it holds is the truth.
        head = store.head().orElse(head);
        Optional<Block> existing = block.number() <= head.number() ? store.byNumber(block.number()) : Optional.empty();
        if (existing.isPresent()) {
            if (existing.get().hash().equals(block.hash())) {
                return false;
            }
            throw new BlockRejected("block " + block.number() + " is already stored with another hash ("
                    + existing.get().hash() + "); the head is block " + head.number());
        }
        validator.checkExtends(head, block);
        store.append(block);
        head = block;
        LOG.debugf("Stored block %d (%s)", block.number(), block.hash());
        return true;
    }

    /** Why blocks cannot be stored now, if they cannot (a full disk, say); cheap, never blocks. */
    Optional<String> problem() {
        return store.problem();
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
