package io.mojave.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A block of the Mojave chain, as the sequencer makes it and the node stores and serves it.
 *
 * @param number its height, 0 for genesis
 * @param hash keccak-256 of the RLP list {@code [number, parentHash, timestamp, miner]} (see {@link #hashOf})
 * @param parentHash the hash of the block before it (zero for genesis)
 * @param timestamp seconds since the epoch, not below the parent's
 * @param miner the sequencer's address (zero for genesis)
 * @param transactions the transactions: none for now
 * @param signature {@code 0x}-hex r‖s‖v (65 bytes, v 27 or 28) over {@code hash}; {@code 0x} (empty) for genesis
 */
public record Block(long number, Hash32 hash, Hash32 parentHash, long timestamp, Address miner,
        List<String> transactions, String signature) {

    /** Checks what the types do not: no negative number or timestamp, signature as lower-case data. */
    public Block {
        if (number < 0 || timestamp < 0) {
            throw new IllegalArgumentException("number and timestamp are not negative");
        }
        transactions = List.copyOf(transactions);
        Hex.parseData(signature);
        signature = signature.toLowerCase(Locale.ROOT);
    }

    /** keccak-256 of the RLP list {@code [number, parentHash, timestamp, miner]}: a block's hash. */
    public static Hash32 hashOf(long number, Hash32 parentHash, long timestamp, Address miner) {
        byte[] rlp = RlpEncoder.encode(new RlpList(
                RlpString.create(BigInteger.valueOf(number)),
                RlpString.create(parentHash.bytes()),
                RlpString.create(BigInteger.valueOf(timestamp)),
                RlpString.create(miner.bytes())));
        return Hash32.of(Hash.sha3(rlp));
    }

    /** A new block with no transactions, mined and signed by {@code signer}. */
    public static Block signed(long number, Hash32 parentHash, long timestamp, BlockSigner signer) {
        Hash32 hash = hashOf(number, parentHash, timestamp, signer.address());
        return new Block(number, hash, parentHash, timestamp, signer.address(), List.of(), signer.sign(hash));
    }

    /** The hash its fields give: equal to {@link #hash()} in a well-formed block. */
    public Hash32 computedHash() {
        return hashOf(number, parentHash, timestamp, miner);
    }

    /**
     * Who signed it.
     *
     * @throws IllegalArgumentException saying why no signer can be recovered
     */
    public Address recoverSigner() {
        return Signatures.recover(hash, signature);
    }

    /** The block as JSON-RPC shows it: quantities and data in {@code 0x}-hex. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("number", Hex.quantity(number))
                .put("hash", hash.hex())
                .put("parentHash", parentHash.hex())
                .put("timestamp", Hex.quantity(timestamp))
                .put("miner", miner.hex())
                .put("transactions", new JsonArray(transactions))
                .put("signature", signature);
    }

    /**
     * Reads a block from its JSON form, checking each field's form (not the hash or signature).
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static Block fromJson(JsonObject json) {
        long number = field(json, "number", Hex::parseQuantity);
        Hash32 hash = field(json, "hash", Hash32::parse);
        Hash32 parentHash = field(json, "parentHash", Hash32::parse);
        long timestamp = field(json, "timestamp", Hex::parseQuantity);
        Address miner = field(json, "miner", Address::parse);
        Object transactions = json.getValue("transactions");
        if (!(transactions instanceof JsonArray array)) {
            throw new IllegalArgumentException("block field 'transactions' must be an array");
        }
        List<String> list = array.stream().map(item -> {
            if (!(item instanceof String text)) {
                throw new IllegalArgumentException("block field 'transactions' must hold 0x-hex strings");
            }
            return text;
        }).toList();
        String signature = field(json, "signature", text -> {
            Hex.parseData(text);
            return text;
        });
        return new Block(number, hash, parentHash, timestamp, miner, list, signature);
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T field(JsonObject json, String name, Parser<T> parser) {
        Object value = json.getValue(name);
        if (value == null) {
            throw new IllegalArgumentException("block field '" + name + "' is missing");
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("block field '" + name + "' must be a 0x-hex string");
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("block field '" + name + "': " + e.getMessage(), e);
        }
    }
}
