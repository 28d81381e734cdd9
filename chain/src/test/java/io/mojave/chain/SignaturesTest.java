package io.mojave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static String signature(BigInteger r, BigInteger s, int v) {
        return "0x" + String.format("%064x", r) + String.format("%064x", s) + String.format("%02x", v);
    }

    @Test
    void recoversTheSignerOfGethsEcrecoverVector() {
        // The ecrecover precompile's test vector (geth core/vm contracts tests, Solidity docs).
        Hash32 hash = Hash32.parse("0x456e9aea5e197a1f1af7a3e85a3212fa4049a3ba34c2289b4c860fc0b0c64ef3");
        String sig = "0x9242685bf161793cc25603c231bc2f568eb630ea16aa137d2664ac8038825608"
                + "4f8ae3bd7535248d0bd448298cc2e2071e56992d0774dc340c368ae950852ada" + "1c";
        assertThat(Signatures.recover(hash, sig)).isEqualTo(Address.parse("0x7156526fbd7a3c72969b54f64e42c10fbb768c8a"));
    }

    @Test
    void recoversTheSignerOfTheEip155Example() {
        // EIP-155's example transaction: key 0x4646...46, v 37 on chain 1, i.e. recovery id 0, v 27 here.
        Hash32 hash = Hash32.parse("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
        String sig = signature(new BigInteger("18515461264373351373200002665853028612451056578545711640558177340181847433846"),
                new BigInteger("46948507304638947509940763649030358759909902576025900602547168820602576006531"), 27);
        assertThat(Signatures.recover(hash, sig)).isEqualTo(Address.parse("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
        assertThat(new BlockSigner(HexFormat.of().parseHex("46".repeat(32))).address())
                .isEqualTo(Address.parse("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f"));
    }

    @Test
    void signingIsDeterministicAndRecoverable() {
        BlockSigner signer = new BlockSigner(HexFormat.of().parseHex("46".repeat(32)));
        Hash32 hash = Hash32.parse("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
        // RFC 6979 nonces: the same signature as EIP-155's, with v 27.
        assertThat(signer.sign(hash)).isEqualTo(signature(
                new BigInteger("18515461264373351373200002665853028612451056578545711640558177340181847433846"),
                new BigInteger("46948507304638947509940763649030358759909902576025900602547168820602576006531"), 27));
        assertThat(Signatures.recover(hash, signer.sign(hash))).isEqualTo(signer.address());
    }

    @Test
    void refusesMalformedSignatures() {
        BlockSigner signer = new BlockSigner(HexFormat.of().parseHex("46".repeat(32)));
        Hash32 hash = Hash32.parse("0x" + "01".repeat(32));
        String good = signer.sign(hash);
        assertThatThrownBy(() -> Signatures.recover(hash, good.substring(0, 130) + "01")).hasMessageContaining("not 27 or 28");
        assertThatThrownBy(() -> Signatures.recover(hash, good.substring(0, 128))).hasMessageContaining("expected 65 bytes");
        assertThatThrownBy(() -> Signatures.recover(hash, "0x" + "00".repeat(64) + "1b")).hasMessageContaining("r is out of range");
        // the high-s twin of a valid signature (EIP-2)
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        BigInteger s = new BigInteger(good.substring(66, 130), 16);
        int v = Integer.parseInt(good.substring(130), 16);
        String twin = "0x" + good.substring(2, 66) + String.format("%064x", n.subtract(s)) + String.format("%02x", v == 27 ? 28 : 27);
        assertThatThrownBy(() -> Signatures.recover(hash, twin)).hasMessageContaining("upper half");
    }
}
