package io.mojave.node;

import io.mojave.chain.Address;
import io.mojave.chain.Block;
import io.mojave.chain.Hash32;

/**
 * The checks a submitted block must pass, in two parts: {@link #checkContents} (on its own: no
 * transactions, the right hash, mined and signed by the trusted sequencer) and
 * {@link #checkExtends} (against the head: the next number, the head's hash as parent, a
 * timestamp not before the head's).
 */
final class BlockValidator {

    private final Address sequencer;

    /** @param sequencer the only address whose blocks are accepted */
    BlockValidator(Address sequencer) {
        this.sequencer = sequencer;
    }

    /** Checks what the block says of itself. */
    void checkContents(Block block) throws BlockRejected {
        if (!block.transactions().isEmpty()) {
            throw new BlockRejected("block " + block.number() + " has transactions; this node takes none yet");
        }
        Hash32 computed = block.computedHash();
        if (!computed.equals(block.hash())) {
            throw new BlockRejected("hash " + block.hash() + " is not keccak-256 of RLP [number, parentHash, timestamp, miner] ("
                    + computed + ")");
        }
        if (!block.miner().equals(sequencer)) {
            throw new BlockRejected("miner " + block.miner() + " is not the trusted sequencer " + sequencer);
        }
        Address signer;
        try {
            signer = block.recoverSigner();
        } catch (IllegalArgumentException e) {
            throw new BlockRejected("bad signature: " + e.getMessage());
        }
        if (!signer.equals(sequencer)) {
            throw new BlockRejected("signature recovers " + signer + ", not the trusted sequencer " + sequencer);
        }
    }

    /** Checks that {@code block} is the next block after {@code head}. */
    void checkExtends(Block head, Block block) throws BlockRejected {
        if (block.number() != head.number() + 1) {
            throw new BlockRejected("block number " + block.number() + " does not extend the head " + head.number()
                    + " (expected " + (head.number() + 1) + ")");
        }
        if (!block.parentHash().equals(head.hash())) {
            throw new BlockRejected("parentHash " + block.parentHash() + " is not the hash of the head block " + head.number()
                    + " (" + head.hash() + ")");
        }
        if (block.timestamp() < head.timestamp()) {
            throw new BlockRejected("timestamp " + block.timestamp() + " is before the head's (" + head.timestamp() + ")");
        }
    }
}
