package io.mojave.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class PortConverterTest {

    private final PortConverter converter = new PortConverter();

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 8545, 65535 })
    void acceptsThePortRange(int port) {
        assertThat(converter.convert(Integer.toString(port))).isEqualTo(port);
    }

    @Test
    void toleratesSurroundingBlanks() {
        assertThat(converter.convert(" 9595 ")).isEqualTo(9595);
    }

    @ParameterizedTest
    @ValueSource(strings = { "70000", "65536", "-1" })
    void rejectsNumbersOutOfRange(String value) {
        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage(value + " is out of the port range 0-65535");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "", "80a", "8.0", "99999999999" })
    void rejectsWhatIsNotANumber(String value) {
        assertThatThrownBy(() -> converter.convert(value))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + value + "' is not a port number (0-65535)");
    }
}
