package io.mojave.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsEachUnit() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aPlainNumberIsSeconds() {
        assertThat(converter.convert("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert(" 7 ")).isEqualTo(Duration.ofSeconds(7));
    }

    @ParameterizedTest
    @ValueSource(strings = { "soon", "5 s", "-5s", "1.5s", "5sec", "PT5S", "s", "", "5d", "1234567890s" })
    void rejectsAnythingElseNamingTheValue(String junk) {
        assertThatThrownBy(() -> converter.convert(junk))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'" + junk + "' is not a duration (examples: 500ms, 5s, 2m, 5)");
    }
}
