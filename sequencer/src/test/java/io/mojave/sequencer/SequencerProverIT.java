package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

import io.mojave.chain.Block;
import io.mojave.chain.Hash32;
import io.mojave.chain.Hex;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonObject;

/** The sequencer with a real node and the real prover (bin/mojave-prover): every batch proved, backpressure honoured. */
class SequencerProverIT extends SequencerTestSupport {

    private static final Pattern API = Pattern.compile("api (http://[^,)\\s]+)");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void everyBatchIsProvedOnceEvenWhenTheProversQueueIsFull() throws Exception {
        // a queue of one job and slow proofs: the sequencer gets "queue full" and must retry, losing nothing
        ServiceCli proverCli = new ServiceCli(cli.launcher().resolveSibling("mojave-prover"), SWEEPER)
                .withEnv("JAVA_OPTS", "-Dmojave.prover.proof-delay=300ms");
        Path proverDatadir = tmp.resolve("prover");
        ServiceCli.Result started = proverCli.run("init", "--datadir", proverDatadir.toString(), "--health.port", "0",
                "--prover.port", "0", "--prover.queue-capacity", "1");
        assertThat(started.exitCode()).as("prover init; printed: %s", started.output()).isZero();
        Matcher matcher = API.matcher(started.out());
        assertThat(matcher.find()).as("api endpoint in %s", started.out()).isTrue();
        String prover = matcher.group(1);

        cli.withEnv("MOJAVE_SEQUENCER_PRIVATE_KEY", KEY);
        String node = startNode(0);
        startSequencer(node, "--prover.address", prover);
        for (long from = 1; from <= 7; from += 2) {
            String id = Hex.quantity(from) + "-" + Hex.quantity(from + 1);
            await(DEADLINE, "proof " + id, () -> {
                Object status = rpcResponse(prover, "mojave_getProof", id).getValue("result");
                return status instanceof JsonObject json && "done".equals(json.getString("status"));
            });
        }
        List<Block> chain = wholeChain(node);
        for (long from = 1; from <= 7; from += 2) {
            String id = Hex.quantity(from) + "-" + Hex.quantity(from + 1);
            JsonObject proof = ((JsonObject) rpc(prover, "mojave_getProof", id)).getJsonObject("proof");
            ByteArrayOutputStream hashes = new ByteArrayOutputStream();
            hashes.write(chain.get((int) from).hash().bytes());
            hashes.write(chain.get((int) from + 1).hash().bytes());
            assertThat(proof.getString("commitment")).as("commitment of %s", id)
                    .isEqualTo(Hash32.of(Hash.sha3(hashes.toByteArray())).hex());
        }
        assertThat(log()).contains("queue is full").doesNotContain(KEY);
    }
}
