package io.mojave.chain.cli;

import java.math.BigInteger;
import java.util.HexFormat;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a secp256k1 private key: 64 hex digits, with or without {@code 0x}, in the range
 * 1..n-1. Its errors name the defect, never the value.
 */
public final class PrivateKeyConverter implements ITypeConverter<PrivateKey> {

    /** The order of secp256k1's group: a private key must be below it. */
    private static final BigInteger CURVE_ORDER = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    @Override
    public PrivateKey convert(String value) {
        String hex = value.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (hex.length() != 64) {
            throw new TypeConversionException("a private key is 64 hex digits (32 bytes) after an optional 0x; this one has "
                    + hex.length());
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("a private key is 64 hex digits (0-9, a-f), this one has other characters");
        }
        BigInteger scalar = new BigInteger(1, bytes);
        if (scalar.signum() == 0 || scalar.compareTo(CURVE_ORDER) >= 0) {
            throw new TypeConversionException("not a valid secp256k1 private key (it must be between 1 and the curve order)");
        }
        return new PrivateKey(bytes);
    }
}
