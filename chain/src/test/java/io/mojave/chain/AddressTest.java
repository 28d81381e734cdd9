package io.mojave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

class AddressTest {

    @Test
    void ofPublicKeyIsWhatWeb3jDerives() {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            BigInteger publicKey = ECKeyPair.create(new BigInteger(255, random).add(BigInteger.ONE)).getPublicKey();
            assertThat(Address.ofPublicKey(publicKey)).isEqualTo(Address.parse("0x" + Keys.getAddress(publicKey)));
        }
    }

    @Test
    void ofPublicKeyPadsShortKeysToSixtyFourBytes() {
        BigInteger small = BigInteger.ONE;
        BigInteger full = BigInteger.ONE.shiftLeft(511).add(BigInteger.ONE);
        assertThat(Address.ofPublicKey(small)).isEqualTo(Address.parse("0x" + Keys.getAddress(small)));
        assertThat(Address.ofPublicKey(full)).isEqualTo(Address.parse("0x" + Keys.getAddress(full)));
    }

    @Test
    void ofPublicKeyRefusesWhatIsNoPublicKey() {
        assertThatThrownBy(() -> Address.ofPublicKey(BigInteger.ONE.shiftLeft(512))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Address.ofPublicKey(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
    }
}
