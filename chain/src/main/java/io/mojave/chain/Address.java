package io.mojave.chain;

import java.math.BigInteger;
import java.util.Locale;

import org.web3j.crypto.Hash;

/**
 * A 20-byte Ethereum account address, kept as lower-case {@code 0x}-hex so that equal addresses
 * are equal strings (EIP-55 mixed case is accepted on input, not checked).
 *
 * @param hex {@code 0x} and 40 lower-case hex digits
 */
public record Address(String hex) {

    /** The zero address, the {@code miner} of the genesis block. */
    public static final Address ZERO = new Address("0x" + "0".repeat(40));

    /** Checks the form; use {@link #parse(String)} for input in either case. */
    public Address {
        Hex.parseData(hex, 20);
        if (!hex.equals(hex.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("an address is kept in lower case: " + hex);
        }
    }

    /**
     * Parses {@code 0x} and 40 hex digits, in any case.
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static Address parse(String text) {
        if (text == null || !text.startsWith("0x") || text.length() != 42) {
            throw new IllegalArgumentException("an address is 0x and 40 hex digits: "
                    + (text == null ? "null" : "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'"));
        }
        return new Address(Hex.data(Hex.parseData(text, 20)));
    }

    /**
     * The address of a secp256k1 public key: the last 20 bytes of the keccak-256 of its 64 bytes
     * (x and y, big-endian, no prefix byte). What web3j's {@code Keys.getAddress} computes, without
     * loading {@code Keys}, whose static initializer builds a whole BouncyCastle JCA provider.
     *
     * @param publicKey x‖y as an unsigned 512-bit number
     */
    public static Address ofPublicKey(BigInteger publicKey) {
        byte[] magnitude = publicKey.toByteArray();
        int length = magnitude.length - (magnitude[0] == 0 ? 1 : 0);
        if (publicKey.signum() < 0 || length > 64) {
            throw new IllegalArgumentException("a public key is 64 bytes, unsigned");
        }
        byte[] key = new byte[64];
        System.arraycopy(magnitude, magnitude.length - length, key, 64 - length, length);
        byte[] hash = Hash.sha3(key);
        byte[] address = new byte[20];
        System.arraycopy(hash, 12, address, 0, 20);
        return new Address(Hex.data(address));
    }

    /** The 20 bytes. */
    public byte[] bytes() {
        return Hex.parseData(hex, 20);
    }

    @Override
    public String toString() {
        return hex;
    }
}
