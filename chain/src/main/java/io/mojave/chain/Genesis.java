package io.mojave.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The start of a chain, from a genesis file or the built-in dev genesis.
 *
 * <p>A genesis file is JSON with {@code config.chainId}, {@code timestamp} and, optionally,
 * {@code config.mojave.sequencer} (the address of the sequencer the node trusts); numbers may be
 * JSON numbers or {@code 0x}-hex quantities, as in geth's genesis files. Other fields are ignored.
 *
 * @param chainId the chain id ({@code eth_chainId}, {@code net_version})
 * @param timestamp the genesis block's timestamp, seconds
 * @param sequencer the trusted sequencer's address, if the genesis names one
 */
public record Genesis(long chainId, long timestamp, Optional<Address> sequencer) {

    /** The chain id of the built-in dev genesis. */
    public static final long DEV_CHAIN_ID = 1337;

    /** The built-in dev genesis: chain id {@value #DEV_CHAIN_ID}, timestamp 0, the dev sequencer ({@link DevKeys}). */
    public static Genesis dev() {
        return new Genesis(DEV_CHAIN_ID, 0, Optional.of(DevKeys.DEV_SEQUENCER_ADDRESS));
    }

    /** Block 0: hashed like any block, with a zero parent hash and the zero address as miner; unsigned. */
    public Block block() {
        return new Block(0, Block.hashOf(0, Hash32.ZERO, timestamp, Address.ZERO), Hash32.ZERO, timestamp,
                Address.ZERO, List.of(), "0x");
    }

    /**
     * What differs between this genesis and the one a store was made for, naming only what differs:
     * {@code "chain id 1337, not chain id 4243 as given (the same genesis block 0x...)"}; empty if
     * nothing does. The chain id is not part of block 0's hash, so two genesis files may share it.
     */
    public Optional<String> mismatch(String storedChainId, String storedGenesisHash) {
        String chainId = Long.toString(chainId());
        String hash = block().hash().hex();
        boolean sameChainId = chainId.equals(storedChainId);
        boolean sameHash = hash.equals(storedGenesisHash);
        if (sameChainId && sameHash) {
            return Optional.empty();
        }
        if (sameHash) {
            return Optional.of("chain id " + storedChainId + ", not chain id " + chainId + " as given (the same genesis block "
                    + hash + ")");
        }
        if (sameChainId) {
            return Optional.of("genesis " + storedGenesisHash + ", not genesis " + hash + " as given (the same chain id "
                    + chainId + ")");
        }
        return Optional.of("chain id " + storedChainId + " and genesis " + storedGenesisHash + ", not chain id " + chainId
                + " and genesis " + hash + " as given");
    }

    /**
     * Reads a genesis file.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong (not naming the file)
     */
    public static Genesis read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read it (" + describe(e) + ")", e);
        }
        return parse(text);
    }

    /**
     * Parses the JSON of a genesis file.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong
     */
    public static Genesis parse(String json) {
        JsonObject root;
        try {
            root = new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
        if (!(root.getValue("config") instanceof JsonObject config)) {
            throw new IllegalArgumentException("no 'config' object");
        }
        long chainId = number(config.getValue("chainId"), "config.chainId");
        if (chainId <= 0) {
            throw new IllegalArgumentException("config.chainId must be positive");
        }
        long timestamp = number(root.getValue("timestamp", 0), "timestamp");
        Optional<Address> sequencer = Optional.empty();
        if (config.getValue("mojave") instanceof JsonObject mojave && mojave.getValue("sequencer") != null) {
            if (!(mojave.getValue("sequencer") instanceof String address)) {
                throw new IllegalArgumentException("config.mojave.sequencer must be a 0x address string");
            }
            try {
                sequencer = Optional.of(Address.parse(address));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config.mojave.sequencer: " + e.getMessage(), e);
            }
        } else if (config.containsKey("mojave") && !(config.getValue("mojave") instanceof JsonObject)) {
            throw new IllegalArgumentException("config.mojave must be an object");
        }
        return new Genesis(chainId, timestamp, sequencer);
    }

    private static long number(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        try {
            if (value instanceof String text) {
                return Hex.parseQuantity(text);
            }
            if (value instanceof Number number && !(value instanceof Double || value instanceof Float)) {
                long result = new BigInteger(number.toString()).longValueExact();
                if (result < 0) {
                    throw new IllegalArgumentException("negative");
                }
                return result;
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a valid quantity: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(name + " must be a non-negative integer or a 0x-hex quantity");
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? kind : e.getMessage();
        };
    }
}
