package io.mojave.chain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class PrivateKeyConverterTest {

    private static final String KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final String CURVE_ORDER = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    private final PrivateKeyConverter converter = new PrivateKeyConverter();

    @Test
    void acceptsSixtyFourHexDigitsWithOrWithout0x() {
        byte[] expected = HexFormat.of().parseHex(KEY);

        assertThat(converter.convert(KEY).bytes()).isEqualTo(expected);
        assertThat(converter.convert("0x" + KEY).bytes()).isEqualTo(expected);
        assertThat(converter.convert("0X" + KEY.toUpperCase()).bytes()).isEqualTo(expected);
        assertThat(converter.convert(" 0x" + KEY + "\n").bytes()).isEqualTo(expected);
    }

    @Test
    void acceptsTheEndsOfTheRange() {
        String one = "0".repeat(63) + "1";
        String orderMinusOne = new BigInteger(CURVE_ORDER, 16).subtract(BigInteger.ONE).toString(16);

        assertThat(new BigInteger(1, converter.convert(one).bytes())).isEqualTo(BigInteger.ONE);
        assertThat(converter.convert(orderMinusOne).bytes()).isEqualTo(HexFormat.of().parseHex(orderMinusOne));
    }

    @Test
    void theKeyNeverShowsInItsString() {
        assertThat(converter.convert(KEY)).hasToString("[REDACTED]");
    }

    @ParameterizedTest
    @ValueSource(strings = { KEY + "00", "0x" + KEY + "0", "4c0883a69102937d6231471b5dbb6204", "0x", "" })
    void rejectsTheWrongLength(String value) {
        assertThat(rejection(value)).startsWith("a private key is 64 hex digits (32 bytes)");
    }

    @ParameterizedTest
    @ValueSource(strings = { "zz0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
            "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231g",
            "4c0883a69102937d6231471b5dbb6204 e5129617082792ae468d01a3f362318" })
    void rejectsWhatIsNotHex(String value) {
        assertThat(rejection(value)).isEqualTo("a private key is 64 hex digits (0-9, a-f), this one has other characters");
    }

    @ParameterizedTest
    @ValueSource(strings = { "0000000000000000000000000000000000000000000000000000000000000000", CURVE_ORDER,
            "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142",
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" })
    void rejectsZeroAndScalarsFromTheCurveOrderUp(String value) {
        assertThat(rejection(value))
                .isEqualTo("not a valid secp256k1 private key (it must be between 1 and the curve order)");
    }

    /** The message of the rejection of {@code value}, checked not to contain the value or a piece of it. */
    private String rejection(String value) {
        TypeConversionException rejected = catchThrowableOfType(TypeConversionException.class, () -> converter.convert(value));
        assertThat(rejected).as("rejection of a bad key").isNotNull();
        String message = rejected.getMessage();
        String digits = value.strip().replaceFirst("^0[xX]", "");
        for (int start = 0; start + 8 <= digits.length(); start++) {
            assertThat(message).doesNotContainIgnoringCase(digits.substring(start, start + 8));
        }
        assertThat(rejected.getCause()).isNull();
        return message;
    }
}
