package io.mojave.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mojave.chain.Block;
import io.mojave.chain.Genesis;
import io.mojave.chain.Hash32;
import io.mojave.daemon.testing.Proc;
import io.vertx.core.json.JsonObject;

/** {@code mojave_sendBlock}: what is accepted, what is refused and why, and that acknowledged blocks survive a SIGKILL. */
class SendBlockIT extends NodeTestSupport {

    @Test
    void acceptsOnlyTheTrustedSequencersNextBlockAndResubmitsAreIdempotent() {
        String rpc = initRpc("--sequencer.address", TEST_SEQUENCER.address().hex().toUpperCase().replace("0X", "0x"));
        Block genesis = Genesis.dev().block();
        Block first = Block.signed(1, genesis.hash(), 10, TEST_SEQUENCER);

        // refused: each reason named, nothing stored
        assertRejected(rpc, Block.signed(2, genesis.hash(), 10, TEST_SEQUENCER), "does not extend the head 0");
        assertRejected(rpc, Block.signed(1, Hash32.parse("0x" + "aa".repeat(32)), 10, TEST_SEQUENCER),
                "parentHash 0x" + "aa".repeat(32) + " is not the hash of the head block 0");
        JsonObject badHash = first.toJson().put("hash", "0x" + "bb".repeat(32));
        assertRejected(rpc, badHash, "is not keccak-256 of RLP");
        JsonObject tampered = first.toJson().put("timestamp", "0xb"); // hash no longer matches
        assertRejected(rpc, tampered, "is not keccak-256 of RLP");
        JsonObject noSigner = first.toJson().put("signature", "0x" + "11".repeat(64) + "1b");
        assertRejected(rpc, noSigner, "bad signature: no public key recovers from the signature");
        // the trusted key's signature, but over another hash
        JsonObject otherHash = first.toJson().put("signature", TEST_SEQUENCER.sign(genesis.hash()));
        assertRejected(rpc, otherHash, "signature recovers 0x");
        JsonObject badV = first.toJson().put("signature", first.signature().substring(0, 130) + "00");
        assertRejected(rpc, badV, "bad signature: signature v is 0, not 27 or 28");
        // signed by another key over the trusted sequencer's block
        JsonObject wrongSigner = first.toJson().put("signature", STRANGER.sign(first.hash()));
        assertRejected(rpc, wrongSigner, "signature recovers " + STRANGER.address() + ", not the trusted sequencer");
        // a complete block of another sequencer
        assertRejected(rpc, Block.signed(1, genesis.hash(), 10, STRANGER), "miner " + STRANGER.address() + " is not the trusted sequencer");
        assertThat(result(rpc, "eth_blockNumber")).isEqualTo("0x0");

        // accepted, then the same again: success, nothing changes
        assertThat(result(rpc, "mojave_sendBlock", first.toJson())).isEqualTo(first.hash().hex());
        assertThat(result(rpc, "mojave_sendBlock", first.toJson())).isEqualTo(first.hash().hex());
        assertThat(result(rpc, "eth_blockNumber")).isEqualTo("0x1");
        Block second = Block.signed(2, first.hash(), 10, TEST_SEQUENCER);
        assertThat(result(rpc, "mojave_sendBlock", second.toJson())).isEqualTo(second.hash().hex());
        assertThat(result(rpc, "mojave_sendBlock", first.toJson())).as("an older block again").isEqualTo(first.hash().hex());
        assertThat(result(rpc, "eth_blockNumber")).isEqualTo("0x2");

        // a different block 2 (a fork), and a timestamp going back
        assertRejected(rpc, Block.signed(2, first.hash(), 11, TEST_SEQUENCER), "block 2 is already stored with another hash");
        assertRejected(rpc, Block.signed(3, second.hash(), 9, TEST_SEQUENCER), "timestamp 9 is before the head's (10)");
        assertThat(result(rpc, "eth_getBlockByNumber", "latest", false)).isEqualTo(second.toJson());
    }

    @Test
    void acknowledgedBlocksSurviveASigkillAndTheChainContinues() throws Exception {
        Path genesisFile = Files.writeString(tmp.resolve("genesis.json"), new JsonObject()
                .put("config", new JsonObject().put("chainId", 4242)
                        .put("mojave", new JsonObject().put("sequencer", TEST_SEQUENCER.address().hex())))
                .put("timestamp", "0x6553f100").encode());
        String rpc = initRpc("--network", genesisFile.toString());
        assertThat(result(rpc, "eth_chainId")).isEqualTo("0x1092");
        assertThat(result(rpc, "net_version")).isEqualTo("4242");
        Block genesis = new Genesis(4242, 0x6553f100L, java.util.Optional.empty()).block();
        assertThat(((JsonObject) result(rpc, "eth_getBlockByNumber", "earliest", false)).getString("hash"))
                .isEqualTo(genesis.hash().hex());

        List<Block> sent = new ArrayList<>();
        Block parent = genesis;
        for (int i = 1; i <= 25; i++) {
            Block block = Block.signed(i, parent.hash(), parent.timestamp() + 1, TEST_SEQUENCER);
            assertThat(result(rpc, "mojave_sendBlock", block.toJson())).isEqualTo(block.hash().hex());
            sent.add(block);
            parent = block;
        }
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        Proc.kill("KILL", pid);
        assertThat(Proc.awaitExit(pid, Duration.ofSeconds(10))).isTrue();

        String again = initRpc("--network", genesisFile.toString());
        assertThat(result(again, "eth_blockNumber")).isEqualTo("0x19");
        for (Block block : sent) {
            assertThat(result(again, "eth_getBlockByNumber", "0x" + Long.toHexString(block.number()), false))
                    .isEqualTo(block.toJson());
            assertThat(result(again, "eth_getBlockByHash", block.hash().hex(), false)).isEqualTo(block.toJson());
        }
        assertThat(result(again, "mojave_sendBlock", parent.toJson())).as("the last block, redelivered").isEqualTo(parent.hash().hex());
        Block next = Block.signed(26, parent.hash(), parent.timestamp(), TEST_SEQUENCER);
        assertThat(result(again, "mojave_sendBlock", next.toJson())).isEqualTo(next.hash().hex());
        assertThat(result(again, "eth_blockNumber")).isEqualTo("0x1a");
        cli.run("stop", "--datadir", datadir.toString());

        // the datadir's chain belongs to that genesis: another one is refused, in one line
        var other = cli.run(initArgs());
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err()).startsWith("error: mojave-node failed to start: the chain stored in the datadir has chain id 4242")
                .contains("use the same --network, or another --datadir");
        assertThat(other.err().lines()).hasSize(1);
    }

    private static void assertRejected(String rpc, Block block, String reason) {
        assertRejected(rpc, block.toJson(), reason);
    }

    private static void assertRejected(String rpc, JsonObject block, String reason) {
        JsonObject error = error(rpc, "mojave_sendBlock", block);
        assertThat(error.getInteger("code")).as("%s", error).isEqualTo(-32000);
        assertThat(error.getString("message")).startsWith("block rejected: ").contains(reason);
        assertThat(error.getJsonObject("data").getString("head")).startsWith("0x");
    }
}
