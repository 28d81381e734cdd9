package io.mojave.prover;

import java.util.ArrayList;
import java.util.List;

import io.mojave.chain.Hash32;
import io.mojave.chain.Hex;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A batch of consecutive blocks to prove: {@code { "fromBlock", "toBlock", "blockHashes": [...] }}
 * with hex quantities and one 32-byte hash per block, in order.
 *
 * @param fromBlock the first block's number
 * @param toBlock the last block's number (not below {@code fromBlock})
 * @param blockHashes the hashes of blocks {@code fromBlock..toBlock}, one each
 */
record Batch(long fromBlock, long toBlock, List<Hash32> blockHashes) {

    /** The most blocks a batch may hold, so that one request cannot make the prover store megabytes. */
    static final int MAX_BLOCKS = 10_000;

    Batch {
        blockHashes = List.copyOf(blockHashes);
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("fromBlock (" + fromBlock + ") must not be above toBlock (" + toBlock + ")");
        }
        if (toBlock - fromBlock >= MAX_BLOCKS) { // no overflow: both are 0..2^63-1 and toBlock >= fromBlock
            throw new IllegalArgumentException("a batch holds at most " + MAX_BLOCKS + " blocks, blocks "
                    + fromBlock + " to " + toBlock + " are more");
        }
        long blocks = toBlock - fromBlock + 1;
        if (blockHashes.size() != blocks) {
            throw new IllegalArgumentException("blockHashes has " + blockHashes.size() + " hashes, but blocks "
                    + fromBlock + " to " + toBlock + " are " + blocks);
        }
    }

    /** The id of the proof job of this batch: its range, {@code 0x<fromBlock>-0x<toBlock>}. */
    String jobId() {
        return jobId(fromBlock, toBlock);
    }

    /** The id of the proof job of blocks {@code fromBlock..toBlock}. */
    static String jobId(long fromBlock, long toBlock) {
        return Hex.quantity(fromBlock) + "-" + Hex.quantity(toBlock);
    }

    /**
     * Reads a batch from its JSON form.
     *
     * @throws IllegalArgumentException naming the defect
     */
    static Batch fromJson(JsonObject json) {
        long from = quantity(json, "fromBlock");
        long to = quantity(json, "toBlock");
        if (!(json.getValue("blockHashes") instanceof JsonArray hashes)) {
            throw new IllegalArgumentException("blockHashes must be an array of 32-byte hashes");
        }
        if (hashes.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("a batch holds at most " + MAX_BLOCKS + " blocks, blockHashes has "
                    + hashes.size());
        }
        List<Hash32> parsed = new ArrayList<>(hashes.size());
        for (int i = 0; i < hashes.size(); i++) {
            if (!(hashes.getValue(i) instanceof String text)) {
                throw new IllegalArgumentException("blockHashes[" + i + "] must be a string");
            }
            try {
                parsed.add(Hash32.parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("blockHashes[" + i + "]: " + e.getMessage());
            }
        }
        return new Batch(from, to, parsed);
    }

    /** The JSON form, as {@link #fromJson} reads it. */
    JsonObject toJson() {
        JsonArray hashes = new JsonArray();
        blockHashes.forEach(hash -> hashes.add(hash.hex()));
        return new JsonObject().put("fromBlock", Hex.quantity(fromBlock)).put("toBlock", Hex.quantity(toBlock))
                .put("blockHashes", hashes);
    }

    private static long quantity(JsonObject json, String name) {
        if (!(json.getValue(name) instanceof String text)) {
            throw new IllegalArgumentException(name + " must be a hex quantity string such as \"0x1\"");
        }
        try {
            return Hex.parseQuantity(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
