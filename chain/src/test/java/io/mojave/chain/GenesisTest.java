package io.mojave.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisTest {

    @TempDir
    Path tmp;

    @Test
    void readsChainIdTimestampAndSequencer() throws Exception {
        Path file = tmp.resolve("genesis.json");
        Files.writeString(file, """
                {"config": {"chainId": 1729, "mojave": {"sequencer": "0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"}},
                 "timestamp": "0x6553f100", "alloc": {}}""");
        Genesis genesis = Genesis.read(file);
        assertThat(genesis.chainId()).isEqualTo(1729);
        assertThat(genesis.timestamp()).isEqualTo(1_700_000_000L);
        assertThat(genesis.sequencer()).contains(DevKeys.DEV_SEQUENCER_ADDRESS);
        assertThat(Genesis.parse("{\"config\": {\"chainId\": \"0x10\"}}")).isEqualTo(new Genesis(16, 0, java.util.Optional.empty()));
    }

    @Test
    void theDevGenesisNamesTheDevSequencer() {
        assertThat(Genesis.dev().sequencer()).contains(DevKeys.DEV_SEQUENCER_ADDRESS);
        assertThat(Genesis.dev().chainId()).isEqualTo(Genesis.DEV_CHAIN_ID);
    }

    @Test
    void badFilesGetOneLineSayingWhy() {
        assertThatThrownBy(() -> Genesis.read(tmp.resolve("missing.json"))).hasMessage("cannot read it (no such file)");
        assertThatThrownBy(() -> Genesis.parse("{")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> Genesis.parse("[]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> Genesis.parse("{}")).hasMessage("no 'config' object");
        assertThatThrownBy(() -> Genesis.parse("{\"config\": {}}")).hasMessage("no config.chainId");
        assertThatThrownBy(() -> Genesis.parse("{\"config\": {\"chainId\": 1.5}}")).hasMessageContaining("config.chainId");
        assertThatThrownBy(() -> Genesis.parse("{\"config\": {\"chainId\": 1, \"mojave\": {\"sequencer\": \"0x12\"}}}"))
                .hasMessageStartingWith("config.mojave.sequencer: ");
    }

    @Test
    void aMismatchNamesOnlyWhatDiffers() {
        Genesis given = new Genesis(4243, 0, Genesis.dev().sequencer());
        String hash = given.block().hash().hex();
        assertThat(hash).isEqualTo(Genesis.dev().block().hash().hex());
        assertThat(given.mismatch("4243", hash)).isEmpty();
        assertThat(given.mismatch("1337", hash))
                .contains("chain id 1337, not chain id 4243 as given (the same genesis block " + hash + ")");
        String other = "0x" + "ab".repeat(32);
        assertThat(given.mismatch("4243", other)).contains("genesis " + other + ", not genesis " + hash + " as given (the same chain id 4243)");
        assertThat(given.mismatch("1", other))
                .contains("chain id 1 and genesis " + other + ", not chain id 4243 and genesis " + hash + " as given");
    }
}
