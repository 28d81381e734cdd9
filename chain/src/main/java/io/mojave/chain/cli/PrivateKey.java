package io.mojave.chain.cli;

import java.util.Arrays;

/**
 * A secp256k1 private key given on the command line. Its {@link #toString()} never shows it: any
 * log line or error that prints one prints {@code [REDACTED]}.
 */
public final class PrivateKey {

    private final byte[] bytes;

    PrivateKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** The 32 bytes of the key. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "[REDACTED]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
