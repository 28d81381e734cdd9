package io.mojave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void quantitiesHaveNoLeadingZeros() {
        assertThat(Hex.quantity(0)).isEqualTo("0x0");
        assertThat(Hex.quantity(1)).isEqualTo("0x1");
        assertThat(Hex.quantity(1024)).isEqualTo("0x400");
        assertThat(Hex.quantity(Long.MAX_VALUE)).isEqualTo("0x7fffffffffffffff");
        assertThatThrownBy(() -> Hex.quantity(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantitiesParseStrictly() {
        assertThat(Hex.parseQuantity("0x0")).isZero();
        assertThat(Hex.parseQuantity("0x41")).isEqualTo(65);
        assertThat(Hex.parseQuantity("0x400")).isEqualTo(1024);
        assertThat(Hex.parseQuantity("0xFF")).isEqualTo(255);
        for (String bad : new String[] { "0x", "0x0400", "ff", "0xg", "", "0x8000000000000000", "-0x1" }) {
            assertThatThrownBy(() -> Hex.parseQuantity(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Hex.parseQuantity("0x0400")).hasMessageContaining("leading zeros");
    }

    @Test
    void dataIsTwoDigitsAByte() {
        assertThat(Hex.data(new byte[0])).isEqualTo("0x");
        assertThat(Hex.data(new byte[] { 0, 15, (byte) 255 })).isEqualTo("0x000fff");
        assertThat(Hex.parseData("0x000FfF")).containsExactly(0, 15, 255);
        assertThat(Hex.parseData("0x")).isEmpty();
        assertThatThrownBy(() -> Hex.parseData("0x0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.parseData("00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.parseData("0x00", 2)).hasMessageContaining("expected 2 bytes");
    }

    @Test
    void addressesAndHashesAreKeptInLowerCase() {
        assertThat(Address.parse("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266").hex())
                .isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(Address.parse("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
                .isEqualTo(Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
        assertThatThrownBy(() -> Address.parse("0x1234")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> Hash32.parse("0x1234")).hasMessageContaining("expected 32 bytes");
        assertThat(Hash32.ZERO.bytes()).hasSize(32).containsOnly(0);
    }
}
