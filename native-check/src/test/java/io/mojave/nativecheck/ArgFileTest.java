package io.mojave.nativecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgFileTest {

    @Test
    void whiteSpaceSeparatesAndBackslashesOutsideQuotesAreLiteral() {
        assertThat(ArgFile.parse("--exclude-config io\\.netty\\.netty-codec /META-INF/x\\.json\n  -jar\ta.jar \n"))
                .containsExactly("--exclude-config", "io\\.netty\\.netty-codec", "/META-INF/x\\.json", "-jar", "a.jar");
    }

    @Test
    void quotesKeepWhiteSpaceAndEscapeInside() {
        assertThat(ArgFile.parse("-J-Dx=\"a b\" 'c\\td' \"\" pre\"fix\"post"))
                .containsExactly("-J-Dx=a b", "c\td", "", "prefixpost");
    }

    @Test
    void aBackslashAtTheEndOfAQuotedLineContinuesIt() {
        assertThat(ArgFile.parse("\"one\\\n     two\"")).containsExactly("onetwo");
    }

    @Test
    void commentsRunToTheEndOfTheLine() {
        assertThat(ArgFile.parse("# header\n-a # trailing\n-b")).containsExactly("-a", "-b");
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> ArgFile.parse("-a \"open"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unterminated \" quote in the argument starting 'open'");
    }
}
