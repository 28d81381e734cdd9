package io.mojave.sequencer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;

import io.mojave.chain.Block;
import io.mojave.chain.BlockSigner;
import io.mojave.chain.Genesis;
import io.mojave.chain.Hex;
import io.mojave.daemon.testing.DaemonTestSupport;
import io.mojave.daemon.testing.Proc;
import io.mojave.daemon.testing.ServiceCli;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Base of the sequencer's end-to-end tests: a node (the built {@code bin/mojave-node}, next to
 * the sequencer's launcher) in its own datadir, a genesis file naming the test key's address for
 * both, fast blocks, and JSON-RPC reads of the node's chain.
 */
abstract class SequencerTestSupport extends DaemonTestSupport {

    /** The node's JSON-RPC URL in what its {@code init} printed. */
    protected static final Pattern RPC = Pattern.compile("rpc (http://[^,)\\s]+)");
    /** A health URL in what an {@code init} printed. */
    protected static final Pattern HEALTH = Pattern.compile("health (http://[^,)\\s]+)");

    /** This test's sequencer key (a throwaway, not the dev key). */
    static final String KEY = "5a".repeat(32);
    static final BlockSigner SIGNER = new BlockSigner(HexFormat.of().parseHex(KEY));
    static final Genesis GENESIS = new Genesis(4243, 0x6553f100L, Optional.of(SIGNER.address()));

    protected ServiceCli nodeCli;
    protected Path nodeDatadir;
    protected Path genesisFile;

    @Override
    protected String service() {
        return "sequencer";
    }

    @BeforeEach
    void nodeSetup() throws IOException {
        nodeCli = new ServiceCli(cli.launcher().resolveSibling("mojave-node"), SWEEPER);
        nodeDatadir = tmp.resolve("node");
        genesisFile = Files.writeString(tmp.resolve("genesis.json"), new JsonObject()
                .put("config", new JsonObject().put("chainId", GENESIS.chainId())
                        .put("mojave", new JsonObject().put("sequencer", SIGNER.address().hex())))
                .put("timestamp", Hex.quantity(GENESIS.timestamp())).encode());
    }

    /** Starts the node on {@code port} (0: any) and returns its JSON-RPC URL from the ready line. */
    protected String startNode(int port) {
        ServiceCli.Result result = nodeCli.run(nodeInitArgs(port).toArray(String[]::new));
        assertThat(result.exitCode()).as("node init; printed: %s", result.output()).isZero();
        return find(RPC, result.out());
    }

    /** The node's {@code init} in the test's node datadir, the test genesis, JSON-RPC on {@code port} (0: any). */
    protected List<String> nodeInitArgs(int port) {
        return List.of("init", "--datadir", nodeDatadir.toString(), "--health.port", "0", "--http.port", Integer.toString(port),
                "--network", genesisFile.toString());
    }

    /** Group 1 of {@code pattern}'s first match in {@code text} (a URL in what {@code init} printed). */
    protected static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in: %s", pattern, text).isTrue();
        return matcher.group(1);
    }

    protected void stopNode() {
        ServiceCli.Result result = nodeCli.run("stop", "--datadir", nodeDatadir.toString());
        assertThat(result.exitCode()).as("node stop; printed: %s", result.output()).isZero();
    }

    protected void killNode() throws Exception {
        long pid = Long.parseLong(Files.readString(nodeDatadir.resolve("node.pid")).strip());
        Proc.kill("KILL", pid);
        assertThat(Proc.awaitExit(pid, Duration.ofSeconds(10))).isTrue();
    }

    /** Starts the sequencer with fast blocks, the test genesis and the node at {@code nodeUrl}. */
    protected Started startSequencer(String nodeUrl, String... extra) {
        return init(sequencerOptions(nodeUrl, extra));
    }

    /** {@link #startSequencer}'s options after {@code init --datadir ...}. */
    protected String[] sequencerOptions(String nodeUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of("--block_time", "100ms", "--batch.size", "2", "--node.url", nodeUrl,
                "--network", genesisFile.toString()));
        if (!List.of(extra).contains("--prover.address")) {
            args.addAll(List.of("--prover.address", "http://127.0.0.1:" + closedPort()));
        }
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    protected void stopSequencer() {
        ServiceCli.Result result = cli.run("stop", "--datadir", datadir.toString());
        assertThat(result.exitCode()).as("sequencer stop; printed: %s", result.output()).isZero();
    }

    /** A port nothing listens on now (bound, then closed). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The whole response of a JSON-RPC call: a result or an error. */
    static JsonObject rpcResponse(String url, String method, Object... params) {
        JsonObject request = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", method)
                .put("params", new JsonArray(List.of(params)));
        return new JsonObject(given().contentType("application/json").body(request.encode()).post(url)
                .then().statusCode(200).extract().asString());
    }

    /** The result of a JSON-RPC call that must succeed. */
    static Object rpc(String url, String method, Object... params) {
        JsonObject response = rpcResponse(url, method, params);
        assertThat(response.containsKey("error")).as("error in %s", response).isFalse();
        return response.getValue("result");
    }

    static long height(String url) {
        return Hex.parseQuantity((String) rpc(url, "eth_blockNumber"));
    }

    /** Waits until the node's height reaches {@code target}; returns the height then. */
    protected static long awaitHeight(String url, long target, Duration timeout) throws Exception {
        long[] seen = { -1 };
        await(timeout, "node height " + target + " (last seen " + seen[0] + ")", () -> {
            seen[0] = height(url);
            return seen[0] >= target;
        });
        return seen[0];
    }

    /**
     * Reads the node's whole chain, 0 to head, and checks it: every block is there, links to its
     * parent by hash, has the hash of its fields, non-decreasing timestamps, the sequencer as
     * miner and a signature that recovers the sequencer's address.
     */
    protected static List<Block> wholeChain(String url) {
        long head = height(url);
        List<Block> chain = new ArrayList<>();
        for (long n = 0; n <= head; n++) {
            Object json = rpc(url, "eth_getBlockByNumber", Hex.quantity(n), false);
            assertThat(json).as("block %d of %d", n, head).isInstanceOf(JsonObject.class);
            Block block = Block.fromJson((JsonObject) json);
            assertThat(block.number()).isEqualTo(n);
            assertThat(block.computedHash()).as("hash of block %d", n).isEqualTo(block.hash());
            if (n == 0) {
                assertThat(block.hash()).isEqualTo(GENESIS.block().hash());
            } else {
                Block parent = chain.get(chain.size() - 1);
                assertThat(block.parentHash()).as("parent of block %d", n).isEqualTo(parent.hash());
                assertThat(block.timestamp()).isGreaterThanOrEqualTo(parent.timestamp());
                assertThat(block.miner()).isEqualTo(SIGNER.address());
                assertThat(block.recoverSigner()).as("signer of block %d", n).isEqualTo(SIGNER.address());
                assertThat(block.transactions()).isEmpty();
            }
            chain.add(block);
        }
        return chain;
    }
}
