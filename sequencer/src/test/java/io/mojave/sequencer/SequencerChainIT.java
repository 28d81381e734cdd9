package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.mojave.chain.Block;
import io.mojave.chain.DevKeys;
import io.mojave.daemon.testing.Proc;

/** The sequencer with a real node: blocks made, signed, delivered in order, across restarts and crashes. */
class SequencerChainIT extends SequencerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void producesASignedChainThatContinuesAfterStopAndStart() throws Exception {
        Path keyFile = privateFile("sequencer.key", "  0x" + KEY + "\n");
        // Proof requests are proven against the real prover in SequencerProverIT; here none answers.
        String noProver = "http://127.0.0.1:" + closedPort();
        String node = startNode(0);
        startSequencer(node, "--private_key.file", keyFile.toString(), "--prover.address", noProver);
        awaitHeight(node, 6, DEADLINE);
        List<Block> first = wholeChain(node);
        assertThat(first.size()).isGreaterThanOrEqualTo(7);

        // stop both (the node first: the sequencer keeps blocks it could not deliver), start both again
        stopNode();
        stopSequencer();
        String again = startNode(URI.create(node).getPort());
        assertThat(again).isEqualTo(node);
        long before = height(again);
        assertThat(before).isGreaterThanOrEqualTo(first.size() - 1);
        startSequencer(again, "--private_key.file", keyFile.toString(), "--prover.address", noProver);
        awaitHeight(again, before + 5, DEADLINE);
        List<Block> chain = wholeChain(again);
        assertThat(chain.subList(0, first.size())).as("the blocks of the first run, unchanged").isEqualTo(first);
    }

    @Test
    void aSigkilledNodeLosesNoAcknowledgedBlockAndASigkilledSequencerContinuesFromItsStore() throws Exception {
        Path keyFile = privateFile("sequencer.key", KEY);
        // the file wins over the environment: the node trusts only the file's key
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", DevKeys.DEV_SEQUENCER_KEY);
        String node = startNode(0);
        startSequencer(node, "--private_key.file", keyFile.toString());
        awaitHeight(node, 5, DEADLINE);
        List<Block> acknowledged = wholeChain(node);

        killNode();
        String again = startNode(URI.create(node).getPort());
        assertThat(again).isEqualTo(node);
        awaitHeight(again, acknowledged.size() + 5, DEADLINE);
        List<Block> chain = wholeChain(again);
        assertThat(chain.subList(0, acknowledged.size())).isEqualTo(acknowledged);

        // and a SIGKILL of the sequencer: it continues from its stored head, the node's chain stays whole
        long pid = Long.parseLong(Files.readString(pidFile()).strip());
        Proc.kill("KILL", pid);
        assertThat(Proc.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
        long before = height(again);
        startSequencer(again, "--private_key.file", keyFile.toString());
        awaitHeight(again, before + 5, DEADLINE);
        List<Block> after = wholeChain(again);
        assertThat(after.subList(0, chain.size())).isEqualTo(chain);
        assertThat(log()).doesNotContain(KEY).doesNotContain(DevKeys.DEV_SEQUENCER_KEY);
    }

    @Test
    void blocksMadeBeforeTheNodeIsUpQueueAndArriveOnceItIs() throws Exception {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        int port = closedPort();
        startSequencer("http://127.0.0.1:" + port, "--log.level", "debug");
        await(DEADLINE, "block 5 made while the node is down", () -> log().contains("Made block 5 "));
        // its own wait: on a busy machine the first failed delivery may be logged after block 5
        await(DEADLINE, "the sequencer to say the node is unreachable", () -> log().contains("is unreachable"));

        String node = startNode(port);
        awaitHeight(node, 5, DEADLINE);
        List<Block> chain = wholeChain(node);
        assertThat(chain.get(1).parentHash()).isEqualTo(GENESIS.block().hash());
        assertThat(log()).doesNotContain(KEY);
    }

    @Test
    void neverForksTheNodesChainNorDeliversToAnotherChain() throws Exception {
        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        String node = startNode(0);
        startSequencer(node);
        awaitHeight(node, 3, DEADLINE);
        stopSequencer();
        List<Block> chain = wholeChain(node);

        // a sequencer with the same key but a fresh store makes another block 1: refused, logged, not forced
        datadir = tmp.resolve("fresh");
        startSequencer(node);
        await(DEADLINE, "the refusal in the log", () -> log().contains("refuses block 1 (block rejected: block 1 is already stored"));
        assertThat(wholeChain(node)).isEqualTo(chain);
        stopSequencer();

        // a sequencer of another genesis (the built-in dev one) does not deliver at all
        datadir = tmp.resolve("dev");
        init("--block_time", "100ms", "--node.url", node, "--prover.address", "http://127.0.0.1:" + closedPort());
        await(DEADLINE, "the genesis mismatch in the log", () -> log().contains("--network must be the node's; not delivering"));
        assertThat(wholeChain(node)).isEqualTo(chain);
        assertThat(log()).doesNotContain(KEY);
    }
}
