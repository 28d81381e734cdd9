package io.mojave.sequencer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mojave.chain.Block;
import io.mojave.chain.DevKeys;
import io.mojave.daemon.testing.Proc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The sequencer with a real node: blocks made, signed, delivered in order, across restarts and crashes. */
class SequencerChainIT extends SequencerTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void producesASignedChainThatContinuesAfterStopAndStartAndAsksForProofsOncePerBatch() throws Exception {
        Path keyFile = Files.writeString(tmp.resolve("sequencer.key"), "  0x" + KEY + "\n");
        try (FakeProver prover = new FakeProver()) {
            String node = startNode(0);
            startSequencer(node, "--private_key.file", keyFile.toString(), "--prover.address", prover.url());
            awaitHeight(node, 6, DEADLINE);
            List<Block> first = wholeChain(node);
            assertThat(first.size()).isGreaterThanOrEqualTo(7);
            await(DEADLINE, "proof requests for blocks 1-2 and 3-4", () -> prover.accepted().size() >= 2);
            assertThat(prover.refusedAsFull()).as("the first request got 'queue full' and was retried").isEqualTo(1);

            // stop both (the node first: the sequencer keeps blocks it could not deliver), start both again
            stopNode();
            stopSequencer();
            String again = startNode(URI.create(node).getPort());
            assertThat(again).isEqualTo(node);
            long before = height(again);
            assertThat(before).isGreaterThanOrEqualTo(first.size() - 1);
            startSequencer(again, "--private_key.file", keyFile.toString(), "--prover.address", prover.url());
            awaitHeight(again, before + 5, DEADLINE);
            List<Block> chain = wholeChain(again);
            assertThat(chain.subList(0, first.size())).as("the blocks of the first run, unchanged").isEqualTo(first);

            // proofs: consecutive batches of 2 from block 1, each asked for once, with the chain's hashes
            await(DEADLINE, "more proof requests after the restart", () -> prover.accepted().size() >= 4);
            List<JsonObject> accepted = prover.accepted();
            List<Block> proved = wholeChain(again);
            assertThat(proved.subList(0, chain.size())).isEqualTo(chain);
            assertThat(2L * accepted.size()).as("batches only of delivered blocks").isLessThanOrEqualTo(proved.size() - 1);
            for (int i = 0; i < accepted.size(); i++) {
                JsonObject batch = accepted.get(i);
                long from = 1 + 2L * i;
                assertThat(batch.getString("fromBlock")).isEqualTo("0x" + Long.toHexString(from));
                assertThat(batch.getString("toBlock")).isEqualTo("0x" + Long.toHexString(from + 1));
                List<String> hashes = proved.subList((int) from, (int) from + 2).stream().map(b -> b.hash().hex()).toList();
                assertThat(batch.getJsonArray("blockHashes").getList()).isEqualTo(hashes);
            }
        }
    }

    @Test
    void aSigkilledNodeLosesNoAcknowledgedBlockAndASigkilledSequencerContinuesFromItsStore() throws Exception {
        Path keyFile = Files.writeString(tmp.resolve("sequencer.key"), KEY);
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
        assertThat(log()).contains("is unreachable");

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

    /** A stand-in for the prover's JSON-RPC: refuses the first request with "queue full", accepts the rest. */
    private static final class FakeProver implements AutoCloseable {
        private final HttpServer server;
        private final List<JsonObject> accepted = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger full = new AtomicInteger();

        FakeProver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<JsonObject> accepted() {
            synchronized (accepted) {
                return List.copyOf(accepted);
            }
        }

        int refusedAsFull() {
            return full.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            JsonObject request = new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            JsonObject response = new JsonObject().put("jsonrpc", "2.0").put("id", request.getValue("id"));
            JsonArray params = request.getJsonArray("params");
            if (!"mojave_requestProof".equals(request.getString("method")) || params.size() != 1) {
                response.put("error", new JsonObject().put("code", -32601).put("message", "unexpected"));
            } else if (full.get() == 0 && full.compareAndSet(0, 1)) {
                response.put("error", new JsonObject().put("code", -32000).put("message", "queue full: try again later"));
            } else {
                JsonObject batch = params.getJsonObject(0);
                accepted.add(batch);
                response.put("result", batch.getString("fromBlock") + "-" + batch.getString("toBlock"));
            }
            byte[] body = response.encode().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
