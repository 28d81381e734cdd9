package io.mojave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;

import io.vertx.core.json.JsonObject;

class BlockTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keccakOfTheEmptyStringIsTheKnownVector() {
        assertThat(HEX.formatHex(Hash.sha3(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void rlpOfSmallItemsIsTheSpecificationsExamples() {
        assertThat(HEX.formatHex(RlpEncoder.encode(RlpString.create("dog".getBytes(StandardCharsets.US_ASCII)))))
                .isEqualTo("83646f67");
        assertThat(HEX.formatHex(RlpEncoder.encode(new RlpList(RlpString.create("cat".getBytes(StandardCharsets.US_ASCII)),
                RlpString.create("dog".getBytes(StandardCharsets.US_ASCII)))))).isEqualTo("c88363617483646f67");
        assertThat(HEX.formatHex(RlpEncoder.encode(new RlpList()))).isEqualTo("c0");
        assertThat(HEX.formatHex(RlpEncoder.encode(RlpString.create(java.math.BigInteger.ZERO)))).isEqualTo("80");
        assertThat(HEX.formatHex(RlpEncoder.encode(RlpString.create(java.math.BigInteger.valueOf(15))))).isEqualTo("0f");
        assertThat(HEX.formatHex(RlpEncoder.encode(RlpString.create(java.math.BigInteger.valueOf(1024))))).isEqualTo("820400");
    }

    @Test
    void theHashIsKeccakOfTheRlpListOfNumberParentHashTimestampMiner() {
        // Written out by hand: a 56-byte payload takes the long list form f8 38.
        String rlp = "f838" + "80" + "a0" + "00".repeat(32) + "80" + "94" + "00".repeat(20);
        Hash32 expected = Hash32.of(Hash.sha3(HEX.parseHex(rlp)));
        assertThat(Block.hashOf(0, Hash32.ZERO, 0, Address.ZERO)).isEqualTo(expected);
        assertThat(Genesis.dev().block().hash()).isEqualTo(expected);

        // number 1, timestamp 0x0400 (two bytes), a non-zero parent and miner: f8 3a.
        Hash32 parent = Hash32.parse("0x" + "11".repeat(32));
        Address miner = Address.parse("0x" + "22".repeat(20));
        String rlp2 = "f83a" + "01" + "a0" + "11".repeat(32) + "820400" + "94" + "22".repeat(20);
        assertThat(Block.hashOf(1, parent, 1024, miner)).isEqualTo(Hash32.of(Hash.sha3(HEX.parseHex(rlp2))));
    }

    @Test
    void aSignedBlockHasTheRightHashAndRecoversItsSigner() {
        BlockSigner signer = new BlockSigner(HEX.parseHex(DevKeys.DEV_SEQUENCER_KEY));
        assertThat(signer.address()).isEqualTo(DevKeys.DEV_SEQUENCER_ADDRESS);
        assertThat(signer.toString()).doesNotContain(DevKeys.DEV_SEQUENCER_KEY).contains("[REDACTED]");

        Block genesis = Genesis.dev().block();
        Block block = Block.signed(1, genesis.hash(), 7, signer);
        assertThat(block.computedHash()).isEqualTo(block.hash());
        assertThat(block.miner()).isEqualTo(signer.address());
        assertThat(Hex.parseData(block.signature(), 65)[64]).isIn((byte) 27, (byte) 28);
        assertThat(block.recoverSigner()).isEqualTo(DevKeys.DEV_SEQUENCER_ADDRESS);
    }

    @Test
    void jsonRoundTripsAndNamesTheBadField() {
        BlockSigner signer = new BlockSigner(HEX.parseHex(DevKeys.DEV_SEQUENCER_KEY));
        Block block = Block.signed(5, Hash32.parse("0x" + "ab".repeat(32)), 1_700_000_000L, signer);
        JsonObject json = block.toJson();
        assertThat(json.getString("number")).isEqualTo("0x5");
        assertThat(json.getString("timestamp")).isEqualTo("0x6553f100");
        assertThat(json.getJsonArray("transactions")).isEmpty();
        assertThat(Block.fromJson(json)).isEqualTo(block);

        assertThatThrownBy(() -> Block.fromJson(json.copy().put("number", "0x05")))
                .hasMessageContaining("'number'").hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Block.fromJson(json.copy().put("number", 5))).hasMessageContaining("'number'");
        JsonObject noMiner = json.copy();
        noMiner.remove("miner");
        assertThatThrownBy(() -> Block.fromJson(noMiner)).hasMessage("block field 'miner' is missing");
    }

    @Test
    void genesisIsUnsignedWithZeroParentAndMiner() {
        Block genesis = new Genesis(7, 1024, java.util.Optional.empty()).block();
        assertThat(genesis.number()).isZero();
        assertThat(genesis.parentHash()).isEqualTo(Hash32.ZERO);
        assertThat(genesis.miner()).isEqualTo(Address.ZERO);
        assertThat(genesis.signature()).isEqualTo("0x");
        assertThat(genesis.transactions()).isEqualTo(List.of());
        assertThat(genesis.hash()).isEqualTo(genesis.computedHash());
    }
}
