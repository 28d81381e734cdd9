package io.mojave.chain;

import java.util.Locale;

/**
 * A 32-byte hash, kept as lower-case {@code 0x}-hex so that equal hashes are equal strings.
 *
 * @param hex {@code 0x} and 64 lower-case hex digits
 */
public record Hash32(String hex) {

    /** 32 zero bytes: the {@code parentHash} of the genesis block. */
    public static final Hash32 ZERO = new Hash32("0x" + "0".repeat(64));

    /** Checks the form; use {@link #parse(String)} for input in either case. */
    public Hash32 {
        Hex.parseData(hex, 32);
        if (!hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("a hash is kept in lower case: " + hex);
        }
    }

    /**
     * Parses {@code 0x} and 64 hex digits, in any case.
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static Hash32 parse(String text) {
        return of(Hex.parseData(text, 32));
    }

    /** The hash whose bytes are {@code bytes} (32 of them). */
    public static Hash32 of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a hash is 32 bytes, not " + bytes.length);
        }
        return new Hash32(Hex.data(bytes));
    }

    /** The 32 bytes. */
    public byte[] bytes() {
        return Hex.parseData(hex, 32);
    }

    @Override
    public String toString() {
        return hex;
    }
}
