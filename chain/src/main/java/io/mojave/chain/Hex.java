package io.mojave.chain;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Hex encoding as Ethereum's JSON-RPC speaks it: quantities are {@code 0x}-hex without leading
 * zeros ({@code 0x0}, {@code 0x1f}), data is {@code 0x}-hex with two digits a byte. Parsing is
 * strict and its errors say what is wrong, for JSON-RPC's "invalid params".
 */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    /** The quantity {@code value} (not negative): {@code 0x0}, {@code 0x400}. */
    public static String quantity(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a quantity is not negative: " + value);
        }
        return "0x" + Long.toHexString(value);
    }

    /**
     * Parses a quantity that fits a {@code long}: {@code 0x}, then hex digits without leading
     * zeros.
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static long parseQuantity(String text) {
        if (text == null || !text.startsWith("0x")) {
            throw new IllegalArgumentException("a quantity starts with 0x: " + shown(text));
        }
        String digits = text.substring(2);
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("a quantity has at least one hex digit: " + shown(text));
        }
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            throw new IllegalArgumentException("a quantity has no leading zeros: " + shown(text));
        }
        if (!isHex(digits)) {
            throw new IllegalArgumentException("a quantity is hex digits after 0x: " + shown(text));
        }
        BigInteger value = new BigInteger(digits, 16);
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException("quantity too large: " + shown(text));
        }
        return value.longValueExact();
    }

    /** The data {@code bytes}, lower case: {@code 0x}, {@code 0x00ff}. */
    public static String data(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /**
     * Parses data of exactly {@code length} bytes ({@code 0x} and {@code 2 * length} hex digits,
     * either case).
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static byte[] parseData(String text, int length) {
        byte[] bytes = parseData(text);
        if (bytes.length != length) {
            throw new IllegalArgumentException("expected " + length + " bytes of 0x-hex data, got " + bytes.length
                    + ": " + shown(text));
        }
        return bytes;
    }

    /**
     * Parses data of any length: {@code 0x} and an even number of hex digits.
     *
     * @throws IllegalArgumentException naming the defect
     */
    public static byte[] parseData(String text) {
        if (text == null || !text.startsWith("0x")) {
            throw new IllegalArgumentException("data starts with 0x: " + shown(text));
        }
        String digits = text.substring(2);
        if (digits.length() % 2 != 0 || !isHex(digits)) {
            throw new IllegalArgumentException("data is an even number of hex digits after 0x: " + shown(text));
        }
        return LOWER.parseHex(digits.toLowerCase(Locale.ROOT));
    }

    private static boolean isHex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The offending text in an error, cut short so that a huge parameter does not flood the log. */
    private static String shown(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...'";
    }
}
